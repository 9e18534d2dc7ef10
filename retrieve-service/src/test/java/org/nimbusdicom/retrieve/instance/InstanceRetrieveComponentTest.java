package org.nimbusdicom.retrieve.instance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.retrieve.Corpus;
import org.nimbusdicom.retrieve.IndexFixtures;
import org.nimbusdicom.retrieve.IndexFixtures.Stored;
import org.nimbusdicom.retrieve.Multipart;
import org.nimbusdicom.retrieve.TestS3;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/** Study / series / instance retrieval against real S3 and PostgreSQL, with the seed files and corpus files. */
@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = @ResourceArg(name = "servers", value = "postgres,s3"))
class InstanceRetrieveComponentTest {

    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    static final String DICOM_ALL = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";

    private static String study;
    private static String seriesA;
    private static String seriesB;
    private static Stored green;
    private static Stored red;
    private static Stored blue;
    private static Stored jpeg;

    @BeforeEach
    void storeOnce() throws Exception {
        if (study != null) {
            return;
        }
        IndexFixtures fixtures = TestS3.fixtures();
        String s = IndexFixtures.newUid();
        seriesA = IndexFixtures.newUid();
        seriesB = IndexFixtures.newUid();
        // instance numbers decide the order inside a series, not the UIDs
        red = storeSeed(fixtures, "red-triangle.dcm", new InstanceIdentifier(s, seriesA, IndexFixtures.newUid()), 1);
        green = storeSeed(fixtures, "green-square.dcm", new InstanceIdentifier(s, seriesA, IndexFixtures.newUid()), 2);
        blue = storeSeed(fixtures, "blue-circle.dcm", new InstanceIdentifier(s, seriesB, IndexFixtures.newUid()), 1);
        jpeg = fixtures.storeCorpusFile("SC_rgb_jpeg_dcmtk.dcm", IndexFixtures.newUid(), IndexFixtures.newUid(), 1);
        study = s;
    }

    private static Stored storeSeed(IndexFixtures fixtures, String name, InstanceIdentifier id, int number) throws Exception {
        byte[] blob = Files.readAllBytes(Path.of("src/test/resources/seed", name));
        byte[] metadata = ("{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"" + id.sopInstanceUid() + "\"]},"
                + "\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"" + id.path() + "/bulkdata/7FE00010\"}}").getBytes();
        return fixtures.store(id, blob, metadata, "1.2.840.10008.5.1.4.1.1.7", EXPLICIT_LE, number, null, List.of());
    }

    private static List<Multipart.Part> parts(Response response) throws Exception {
        return Multipart.parse(response.asByteArray(), response.getHeader("Content-Type"));
    }

    private static void assertPart(Multipart.Part part, Stored expected, String transferSyntax) {
        assertArrayEquals(expected.blob(), part.body(), "part body of " + expected.id().sopInstanceUid());
        assertEquals("application/dicom; transfer-syntax=" + transferSyntax, part.header("Content-Type"));
        assertTrue(part.header("Content-Location").matches("https?://[^/]+" + expected.id().path().replace(".", "\\.")),
                part.header("Content-Location"));
        assertEquals(Integer.toString(expected.blob().length), part.header("Content-Length"));
    }

    @Test
    void studyIsEveryInstanceInSeriesAndInstanceNumberOrderByteIdentical() throws Exception {
        Response response = given().header("Accept", DICOM_ALL).get("/studies/" + study);
        response.then().statusCode(200).header("Content-Type", containsString("multipart/related"))
                .header("Content-Type", containsString("type=\"application/dicom\""));
        List<Multipart.Part> parts = parts(response);
        assertEquals(3, parts.size());
        List<Stored> expected = seriesA.compareTo(seriesB) < 0 ? List.of(red, green, blue) : List.of(blue, red, green);
        for (int i = 0; i < 3; i++) {
            assertPart(parts.get(i), expected.get(i), EXPLICIT_LE);
        }
    }

    @Test
    void seriesWithoutAcceptIsExplicitLittleEndianAsStored() throws Exception {
        Response response = given().get("/studies/" + study + "/series/" + seriesA);
        response.then().statusCode(200);
        List<Multipart.Part> parts = parts(response);
        assertEquals(2, parts.size());
        assertPart(parts.get(0), red, EXPLICIT_LE);
        assertPart(parts.get(1), green, EXPLICIT_LE);
    }

    @Test
    void instanceAsMultipartAndAsSinglePart() throws Exception {
        String path = blue.id().path();
        Response multipart = given().header("Accept", "multipart/related; type=\"application/dicom\"").get(path);
        multipart.then().statusCode(200);
        List<Multipart.Part> parts = parts(multipart);
        assertEquals(1, parts.size());
        assertPart(parts.get(0), blue, EXPLICIT_LE);

        Response single = given().header("Accept", "application/dicom").get(path);
        single.then().statusCode(200)
                .header("Content-Type", "application/dicom; transfer-syntax=" + EXPLICIT_LE)
                .header("Content-Length", Integer.toString(blue.blob().length));
        assertArrayEquals(blue.blob(), single.asByteArray());
    }

    @Test
    void compressedInstanceAsStoredWithWildcardSyntax() throws Exception {
        Response response = given().header("Accept", DICOM_ALL).get(jpeg.id().path());
        response.then().statusCode(200);
        List<Multipart.Part> parts = parts(response);
        assertEquals(1, parts.size());
        assertPart(parts.get(0), jpeg, JPEG_BASELINE);
        given().header("Accept", "application/dicom; transfer-syntax=" + JPEG_BASELINE).get(jpeg.id().path())
                .then().statusCode(200);
    }

    @Test
    void compressedInstanceWithDefaultSyntaxIsNotAcceptable() {
        given().get(jpeg.id().path()).then().statusCode(406)
                .body("message", containsString(jpeg.id().sopInstanceUid()));
        given().header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.4.90")
                .get(jpeg.id().path()).then().statusCode(406);
    }

    @Test
    void unsupportedMediaTypesAreNotAcceptable() {
        given().header("Accept", "application/json").get("/studies/" + study).then().statusCode(406)
                .body("status", equalTo(406));
        given().header("Accept", "application/dicom").get("/studies/" + study).then().statusCode(406);
        given().header("Accept", "multipart/related; type=\"application/octet-stream\"").get(blue.id().path())
                .then().statusCode(406);
        given().header("Accept", "multipart/related; type=\"application/dicom\"; q=0, application/dicom").get(blue.id().path())
                .then().statusCode(200).header("Content-Type", containsString("application/dicom;"));
    }

    @Test
    void unknownResourcesAreNotFoundNamingTheLevel() {
        String unknown = IndexFixtures.newUid();
        given().get("/studies/" + unknown).then().statusCode(404)
                .body("message", equalTo("study " + unknown + " not found"));
        given().get("/studies/" + study + "/series/" + unknown).then().statusCode(404)
                .body("message", equalTo("series " + unknown + " not found in study " + study));
        given().get("/studies/" + study + "/series/" + seriesA + "/instances/" + unknown).then().statusCode(404)
                .body("message", containsString("instance " + unknown + " not found in series " + seriesA));
        given().get("/studies/" + unknown + "/series/" + seriesA + "/instances/" + red.id().sopInstanceUid())
                .then().statusCode(404).body("message", equalTo("study " + unknown + " not found"));
    }

    @Test
    void invalidUidsAreBadRequests() {
        given().get("/studies/1.2.03").then().statusCode(400).body("message", containsString("StudyInstanceUID"));
        given().get("/studies/" + study + "/series/abc").then().statusCode(400)
                .body("message", containsString("SeriesInstanceUID"));
        given().get("/studies/" + study + "/series/" + seriesA + "/instances/1..2").then().statusCode(400)
                .body("message", containsString("SOPInstanceUID"));
    }

    @Test
    void headAnswersHeadersWithoutBody() {
        Response head = given().header("Accept", "application/dicom").head(blue.id().path());
        head.then().statusCode(200).header("Content-Type", "application/dicom; transfer-syntax=" + EXPLICIT_LE)
                .header("Content-Length", Integer.toString(blue.blob().length));
        assertEquals(0, head.asByteArray().length);
        given().head("/studies/" + study).then().statusCode(200).header("Content-Type", containsString("multipart/related"));
        given().head("/studies/" + IndexFixtures.newUid()).then().statusCode(404);
    }
}
