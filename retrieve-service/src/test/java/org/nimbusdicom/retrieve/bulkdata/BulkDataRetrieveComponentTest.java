package org.nimbusdicom.retrieve.bulkdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.event.BulkDataLocation;
import org.nimbusdicom.common.io.InstanceScanner;
import org.nimbusdicom.common.io.ScanOptions;
import org.nimbusdicom.retrieve.Corpus;
import org.nimbusdicom.retrieve.IndexFixtures;
import org.nimbusdicom.retrieve.IndexFixtures.Stored;
import org.nimbusdicom.retrieve.Multipart;
import org.nimbusdicom.retrieve.S3TrafficRecorder;
import org.nimbusdicom.retrieve.TestS3;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/** Bulk data: every BulkDataURI the metadata emits resolves to the value's bytes, by ranged reads. */
@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = @ResourceArg(name = "servers", value = "postgres,s3"))
class BulkDataRetrieveComponentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Stored ct;
    private static Stored ecg;
    private static Stored rle;

    @BeforeEach
    void storeOnce() throws Exception {
        if (rle != null) {
            return;
        }
        IndexFixtures fixtures = TestS3.fixtures();
        String study = IndexFixtures.newUid();
        ct = fixtures.storeCorpusFile("CT_small.dcm", study, IndexFixtures.newUid(), 1);
        ecg = fixtures.storeCorpusFile("waveform_ecg.dcm", study, IndexFixtures.newUid(), 1);
        rle = fixtures.storeCorpusFile("SC_rgb_rle_2frame.dcm", study, IndexFixtures.newUid(), 1);
    }

    private static byte[] slice(byte[] blob, long offset, long length) {
        return Arrays.copyOfRange(blob, (int) offset, (int) (offset + length));
    }

    /** Every BulkDataURI in a metadata document, anywhere in it. */
    private static void collectUris(JsonNode node, List<String> uris) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("BulkDataURI")) {
                    uris.add(e.getValue().asText());
                } else {
                    collectUris(e.getValue(), uris);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectUris(child, uris));
        }
    }

    @Test
    void everyBulkDataUriOfTheMetadataResolvesToTheValueBytes() throws Exception {
        List<BulkDataLocation> locations = InstanceScanner.scan(new ByteArrayInputStream(ecg.blob()), ScanOptions.defaults())
                .bulkData();
        assertFalse(locations.isEmpty(), "waveform_ecg has bulk data besides pixel data");
        Response metadata = given().get(ecg.id().path() + "/metadata");
        metadata.then().statusCode(200);
        List<String> uris = new ArrayList<>();
        collectUris(MAPPER.readTree(metadata.asByteArray()), uris);
        assertEquals(locations.size(), uris.size(), uris.toString());
        for (String uri : uris) {
            String path = URI.create(uri).getPath();
            String tagPath = path.substring(path.indexOf("/bulkdata/") + "/bulkdata/".length());
            BulkDataLocation location = locations.stream().filter(l -> l.path().equals(tagPath)).findFirst().orElseThrow();
            S3TrafficRecorder.reset();
            Response response = given().get(path);
            response.then().statusCode(200).header("Content-Type", containsString("type=\"application/octet-stream\""));
            List<Multipart.Part> parts = Multipart.parse(response.asByteArray(), response.getHeader("Content-Type"));
            assertEquals(1, parts.size());
            assertArrayEquals(slice(ecg.blob(), location.offset(), location.length()), parts.get(0).body(), tagPath);
            assertEquals("application/octet-stream", parts.get(0).header("Content-Type"));
            assertTrue(S3TrafficRecorder.gets(ecg.blobKey()).stream().allMatch(g -> g.range() != null));
        }
    }

    @Test
    void nativePixelDataSingleAndRanged() {
        var pd = Corpus.entry("CT_small.dcm").get("pixel_data");
        long offset = pd.get("value_offset").asLong();
        long length = pd.get("value_length").asLong();
        String path = ct.id().path() + "/bulkdata/7FE00010";
        Response whole = given().header("Accept", "application/octet-stream").get(path);
        whole.then().statusCode(200).header("Content-Type", "application/octet-stream")
                .header("Content-Length", Long.toString(length)).header("Accept-Ranges", "bytes");
        assertArrayEquals(slice(ct.blob(), offset, length), whole.asByteArray());

        Response range = given().header("Accept", "application/octet-stream").header("Range", "bytes=100-199").get(path);
        range.then().statusCode(206).header("Content-Range", "bytes 100-199/" + length).header("Content-Length", "100");
        assertArrayEquals(slice(ct.blob(), offset + 100, 100), range.asByteArray());

        Response suffix = given().header("Accept", "application/octet-stream").header("Range", "bytes=-10").get(path);
        suffix.then().statusCode(206);
        assertArrayEquals(slice(ct.blob(), offset + length - 10, 10), suffix.asByteArray());

        given().header("Accept", "application/octet-stream").header("Range", "bytes=" + length + "-").get(path)
                .then().statusCode(416).header("Content-Range", "bytes */" + length);
    }

    @Test
    void encapsulatedPixelDataIsOnePartPerFrame() throws Exception {
        Response response = given().get(rle.id().path() + "/bulkdata/7FE00010");
        response.then().statusCode(200).header("Content-Type", containsString("type=\"image/x-dicom-rle\""));
        List<Multipart.Part> parts = Multipart.parse(response.asByteArray(), response.getHeader("Content-Type"));
        assertEquals(2, parts.size());
        assertArrayEquals(Corpus.manifestFrame("SC_rgb_rle_2frame.dcm", 1), parts.get(0).body());
        assertArrayEquals(Corpus.manifestFrame("SC_rgb_rle_2frame.dcm", 2), parts.get(1).body());
    }

    @Test
    void errors() {
        given().get(ct.id().path() + "/bulkdata/00283010/0/00283006").then().statusCode(404)
                .body("message", containsString("00283010/0/00283006"));
        given().get(ct.id().path() + "/bulkdata/7FE0").then().statusCode(400);
        given().get(ct.id().path() + "/bulkdata/7FE00010/x").then().statusCode(400);
        given().header("Accept", "image/jpeg").get(ct.id().path() + "/bulkdata/7FE00010").then().statusCode(406);
        given().head(ct.id().path() + "/bulkdata/7FE00010").then().statusCode(200);
    }
}
