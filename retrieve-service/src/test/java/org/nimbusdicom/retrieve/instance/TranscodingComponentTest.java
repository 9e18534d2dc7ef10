package org.nimbusdicom.retrieve.instance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.io.InstanceScanner;
import org.nimbusdicom.common.io.ScanOptions;
import org.nimbusdicom.common.io.ScannedInstance;
import org.nimbusdicom.common.json.DicomJsonWriter;
import org.nimbusdicom.retrieve.IndexFixtures;
import org.nimbusdicom.retrieve.IndexFixtures.Stored;
import org.nimbusdicom.retrieve.Multipart;
import org.nimbusdicom.retrieve.TestS3;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * Transcoding on retrieve: an explicit VR little endian instance asked for in implicit VR little
 * endian comes back in that syntax with the same data set and pixel data; and back again.
 */
@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = @ResourceArg(name = "servers", value = "postgres,s3"))
class TranscodingComponentTest {

    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ScannedInstance scan(byte[] part10) throws Exception {
        return InstanceScanner.scan(new ByteArrayInputStream(part10), ScanOptions.defaults());
    }

    private static byte[] pixels(byte[] part10, PixelDataDescriptor pd) {
        return Arrays.copyOfRange(part10, (int) pd.valueOffset(), (int) (pd.valueOffset() + pd.valueLength()));
    }

    private static void assertSameContent(byte[] expectedPart10, byte[] actualPart10, String expectedTs) throws Exception {
        ScannedInstance expected = assertSameDataset(expectedPart10, actualPart10, expectedTs);
        ScannedInstance actual = scan(actualPart10);
        assertArrayEquals(pixels(expectedPart10, expected.pixelData()), pixels(actualPart10, actual.pixelData()));
    }

    private static ScannedInstance assertSameDataset(byte[] expectedPart10, byte[] actualPart10, String expectedTs)
            throws Exception {
        ScannedInstance expected = scan(expectedPart10);
        ScannedInstance actual = scan(actualPart10);
        assertEquals(expectedTs, actual.transferSyntaxUid());
        assertEquals(MAPPER.readTree(DicomJsonWriter.toJsonBytes(expected.dataset(), p -> "bulk:" + p)),
                MAPPER.readTree(DicomJsonWriter.toJsonBytes(actual.dataset(), p -> "bulk:" + p)));
        return expected;
    }

    @Test
    void deflatedIsInflatedForTheDefaultSyntaxAndServedAsStoredOnRequest() throws Exception {
        Stored deflated = TestS3.fixtures().storeCorpusFile("image_dfl.dcm", IndexFixtures.newUid(), IndexFixtures.newUid(), 1);
        Response asStored = given().header("Accept", "application/dicom; transfer-syntax=*").get(deflated.id().path());
        asStored.then().statusCode(200).header("Content-Type", "application/dicom; transfer-syntax=1.2.840.10008.1.2.1.99");
        assertArrayEquals(deflated.blob(), asStored.asByteArray());
        Response inflated = given().header("Accept", "application/dicom").get(deflated.id().path());
        inflated.then().statusCode(200).header("Content-Type", "application/dicom; transfer-syntax=" + EXPLICIT_LE);
        assertSameDataset(deflated.blob(), inflated.asByteArray(), EXPLICIT_LE);
        // no frame table and no value offsets for deflated storage: said plainly, not a wrong byte range
        given().get(deflated.id().path() + "/frames/1").then().statusCode(501);
        given().get(deflated.id().path() + "/bulkdata/7FE00010").then().statusCode(501);
    }

    @Test
    void explicitToImplicitAndBack() throws Exception {
        IndexFixtures fixtures = TestS3.fixtures();
        Stored explicit = fixtures.storeCorpusFile("MR_small.dcm", IndexFixtures.newUid(), IndexFixtures.newUid(), 1);
        Response response = given().header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=" + IMPLICIT_LE)
                .get(explicit.id().path());
        response.then().statusCode(200);
        List<Multipart.Part> parts = Multipart.parse(response.asByteArray(), response.getHeader("Content-Type"));
        assertEquals(1, parts.size());
        assertEquals("application/dicom; transfer-syntax=" + IMPLICIT_LE, parts.get(0).header("Content-Type"));
        byte[] implicit = parts.get(0).body();
        assertSameContent(explicit.blob(), implicit, IMPLICIT_LE);

        // the implicit copy, stored, comes back as explicit VR LE by default (the PS3.18 default)
        Stored stored = fixtures.storeScanned(implicit,
                new org.nimbusdicom.common.model.InstanceIdentifier(IndexFixtures.newUid(), IndexFixtures.newUid(),
                        IndexFixtures.newUid()), 1);
        Response back = given().header("Accept", "application/dicom").get(stored.id().path());
        back.then().statusCode(200).header("Content-Type", "application/dicom; transfer-syntax=" + EXPLICIT_LE);
        assertSameContent(explicit.blob(), back.asByteArray(), EXPLICIT_LE);
    }
}
