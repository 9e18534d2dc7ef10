package org.nimbusdicom.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every step of Microsoft's "Use DICOMweb Standard APIs" tutorial, in order, through the
 * gateway's single base URL, with the tutorial's three files and UIDs. No sleeps and no polling:
 * Nimbus answers STOW and DELETE only after the index reflects them (read-your-writes).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TutorialFlowIT {

    static final String STUDY = "1.2.826.0.1.3680043.8.498.13230779778012324449356534479549187420";
    static final String SERIES_A = "1.2.826.0.1.3680043.8.498.45787841905473114233124723359129632652";
    static final String SERIES_B = "1.2.826.0.1.3680043.8.498.77033797676425927098669402985243398207";
    static final String GREEN = "1.2.826.0.1.3680043.8.498.12714725698140337137334606354172323212";
    static final String RED = "1.2.826.0.1.3680043.8.498.47359123102728459884412887463296905395";
    static final String BLUE = "1.2.826.0.1.3680043.8.498.13273713909719068980354078852867170114";
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    /** One frame: 979 rows x 985 columns x 3 samples x 8 bits. */
    static final int FRAME_LENGTH = 979 * 985 * 3;

    static DicomWebHttp client;
    static final Map<String, byte[]> FILES = new HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        String base = System.getProperty("nimbus.base-url");
        assertNotNull(base, "-Dnimbus.base-url is required");
        client = new DicomWebHttp(base);
        FILES.put(GREEN, seed("green-square.dcm"));
        FILES.put(RED, seed("red-triangle.dcm"));
        FILES.put(BLUE, seed("blue-circle.dcm"));
        // start from a clean server: an earlier aborted run may have left the study behind
        int status = client.delete("/studies/" + STUDY).statusCode();
        assertTrue(status == 204 || status == 404, "pre-clean DELETE answered " + status);
    }

    private static byte[] seed(String name) throws IOException {
        try (InputStream in = TutorialFlowIT.class.getResourceAsStream("/seed/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    // ---- Store (STOW-RS) -------------------------------------------------------------------

    @Test
    @Order(1)
    void storeInstancesUsingMultipartRelated() throws Exception {
        HttpResponse<byte[]> response = client.storeMultipart("/studies", List.of(FILES.get(RED)));
        assertStored(response, SERIES_A, RED);
    }

    @Test
    @Order(2)
    void storeInstancesForASpecificStudy() throws Exception {
        HttpResponse<byte[]> response = client.storeMultipart("/studies/" + STUDY, List.of(FILES.get(BLUE)));
        assertStored(response, SERIES_B, BLUE);
        JsonNode body = DicomWebHttp.json(response);
        assertEquals(client.baseUrl() + "/studies/" + STUDY, string(body, "00081190"), "study RetrieveURL");
    }

    @Test
    @Order(3)
    void storeSingleInstance() throws Exception {
        HttpResponse<byte[]> response = client.storeSinglePart("/studies", FILES.get(GREEN));
        assertStored(response, SERIES_A, GREEN);
    }

    @Test
    @Order(4)
    void storeDuplicateIsRejectedWith45070() throws Exception {
        HttpResponse<byte[]> response = client.storeMultipart("/studies", List.of(FILES.get(GREEN)));
        assertEquals(409, response.statusCode(), DicomWebHttp.text(response));
        JsonNode failed = DicomWebHttp.json(response).path("00081198").path("Value").get(0);
        assertEquals(45070, failed.path("00081197").path("Value").get(0).asInt());
        assertEquals(GREEN, string(failed, "00081155"));
    }

    @Test
    @Order(5)
    void storeIntoAnotherStudyIsRejectedWith43265() throws Exception {
        HttpResponse<byte[]> response = client.storeMultipart("/studies/1.2.3.4", List.of(FILES.get(BLUE)));
        assertEquals(409, response.statusCode(), DicomWebHttp.text(response));
        JsonNode failed = DicomWebHttp.json(response).path("00081198").path("Value").get(0);
        assertEquals(43265, failed.path("00081197").path("Value").get(0).asInt());
    }

    private static void assertStored(HttpResponse<byte[]> response, String series, String sop) throws IOException {
        assertEquals(200, response.statusCode(), DicomWebHttp.text(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/dicom+json"));
        JsonNode body = DicomWebHttp.json(response);
        assertFalse(body.has("00081198") && body.path("00081198").has("Value"), "no FailedSOPSequence expected");
        JsonNode item = body.path("00081199").path("Value").get(0);
        assertNotNull(item, "ReferencedSOPSequence item");
        assertEquals(SECONDARY_CAPTURE, string(item, "00081150"));
        assertEquals(sop, string(item, "00081155"));
        // the link points at the gateway, not at an internal service port
        assertEquals(client.baseUrl() + "/studies/" + STUDY + "/series/" + series + "/instances/" + sop,
                string(item, "00081190"));
    }

    // ---- Retrieve (WADO-RS) ------------------------------------------------------------------

    @Test
    @Order(10)
    void retrieveAllInstancesWithinAStudy() throws Exception {
        assertInstances(client.get("/studies/" + STUDY, DicomWebHttp.MULTIPART_DICOM), Set.of(RED, GREEN, BLUE));
    }

    @Test
    @Order(11)
    void retrieveMetadataOfAllInstancesInStudy() throws Exception {
        assertMetadata(client.get("/studies/" + STUDY + "/metadata", DicomWebHttp.DICOM_JSON), Set.of(RED, GREEN, BLUE));
    }

    @Test
    @Order(12)
    void retrieveAllInstancesWithinASeries() throws Exception {
        assertInstances(client.get("/studies/" + STUDY + "/series/" + SERIES_A, DicomWebHttp.MULTIPART_DICOM),
                Set.of(RED, GREEN));
    }

    @Test
    @Order(13)
    void retrieveMetadataOfAllInstancesWithinASeries() throws Exception {
        assertMetadata(client.get("/studies/" + STUDY + "/series/" + SERIES_A + "/metadata", DicomWebHttp.DICOM_JSON),
                Set.of(RED, GREEN));
    }

    @Test
    @Order(14)
    void retrieveASingleInstance() throws Exception {
        assertInstances(client.get(instancePath(SERIES_B, BLUE), DicomWebHttp.MULTIPART_DICOM), Set.of(BLUE));
    }

    @Test
    @Order(15)
    void retrieveMetadataForASingleInstance() throws Exception {
        assertMetadata(client.get(instancePath(SERIES_B, BLUE) + "/metadata", DicomWebHttp.DICOM_JSON), Set.of(BLUE));
    }

    @Test
    @Order(16)
    void retrieveOneOrMoreFramesFromASingleInstance() throws Exception {
        HttpResponse<byte[]> response = client.get(instancePath(SERIES_B, BLUE) + "/frames/1", DicomWebHttp.MULTIPART_OCTET);
        assertEquals(200, response.statusCode(), DicomWebHttp.text(response));
        List<DicomWebHttp.Part> parts = DicomWebHttp.parts(response);
        assertEquals(1, parts.size());
        assertTrue(parts.get(0).contentType().startsWith("application/octet-stream"), parts.get(0).contentType());
        byte[] file = FILES.get(BLUE);
        // PixelData (7FE0,0010) OB is the last element: its value (frame + 1 pad byte) ends the file
        int valueOffset = file.length - (FRAME_LENGTH + 1);
        assertEquals((byte) 0xE0, file[valueOffset - 12]);
        assertEquals((byte) 0x7F, file[valueOffset - 11]);
        byte[] expected = java.util.Arrays.copyOfRange(file, valueOffset, valueOffset + FRAME_LENGTH);
        assertArrayEquals(expected, parts.get(0).body());
    }

    @Test
    @Order(17)
    void retrieveOfAnUnknownFrameIsRejected() throws Exception {
        int status = client.get(instancePath(SERIES_B, BLUE) + "/frames/2", DicomWebHttp.MULTIPART_OCTET).statusCode();
        assertTrue(status == 404 || status == 400, "frame 2 of a single-frame instance answered " + status);
    }

    private static void assertInstances(HttpResponse<byte[]> response, Set<String> expectedSops) {
        assertEquals(200, response.statusCode(), DicomWebHttp.text(response));
        List<DicomWebHttp.Part> parts = DicomWebHttp.parts(response);
        assertEquals(expectedSops.size(), parts.size());
        Set<String> seen = new HashSet<>();
        for (DicomWebHttp.Part part : parts) {
            assertTrue(part.contentType().startsWith("application/dicom"), part.contentType());
            String sop = FILES.entrySet().stream()
                    .filter(e -> java.util.Arrays.equals(e.getValue(), part.body()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            assertNotNull(sop, "a returned part is not byte-identical to any stored file");
            seen.add(sop);
        }
        assertEquals(expectedSops, seen);
    }

    private static void assertMetadata(HttpResponse<byte[]> response, Set<String> expectedSops) throws IOException {
        assertEquals(200, response.statusCode(), DicomWebHttp.text(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/dicom+json"));
        JsonNode array = DicomWebHttp.json(response);
        assertTrue(array.isArray());
        Set<String> seen = new HashSet<>();
        for (JsonNode dataset : array) {
            assertEquals(STUDY, string(dataset, "0020000D"));
            seen.add(string(dataset, "00080018"));
            assertEquals("Anony Mous", dataset.path("00100010").path("Value").get(0).path("Alphabetic").asText());
            JsonNode pixelData = dataset.path("7FE00010");
            assertFalse(pixelData.has("InlineBinary"), "PixelData must not be inlined");
            assertTrue(pixelData.path("BulkDataURI").asText().startsWith(client.baseUrl() + "/studies/" + STUDY),
                    "BulkDataURI points at the gateway: " + pixelData);
        }
        assertEquals(expectedSops, seen);
    }

    // ---- Query (QIDO-RS) ---------------------------------------------------------------------

    @Test
    @Order(20)
    void searchForStudies() throws Exception {
        JsonNode studies = query("/studies?StudyInstanceUID=" + STUDY);
        assertEquals(1, studies.size());
        JsonNode study = studies.get(0);
        assertEquals(STUDY, string(study, "0020000D"));
        assertEquals(3, study.path("00201208").path("Value").get(0).asInt(), "NumberOfStudyRelatedInstances");
        assertEquals(2, study.path("00201206").path("Value").get(0).asInt(), "NumberOfStudyRelatedSeries");
        assertTrue(uidsOf(query("/studies"), "0020000D").contains(STUDY));
    }

    @Test
    @Order(21)
    void searchForStudiesByPatientNameAndDate() throws Exception {
        assertTrue(uidsOf(query("/studies?PatientName=Anony*"), "0020000D").contains(STUDY));
        assertTrue(uidsOf(query("/studies?PatientName=anony&fuzzymatching=true"), "0020000D").contains(STUDY));
        assertTrue(uidsOf(query("/studies?StudyDate=20200101-20201231&PatientID=ID1"), "0020000D").contains(STUDY));
        assertFalse(uidsOf(query("/studies?StudyDate=20210101-"), "0020000D").contains(STUDY));
    }

    @Test
    @Order(22)
    void searchForSeries() throws Exception {
        assertEquals(Set.of(SERIES_A), uidsOf(query("/series?SeriesInstanceUID=" + SERIES_A), "0020000E"));
        assertTrue(uidsOf(query("/series"), "0020000E").containsAll(Set.of(SERIES_A, SERIES_B)));
    }

    @Test
    @Order(23)
    void searchForSeriesWithinAStudy() throws Exception {
        assertEquals(Set.of(SERIES_A, SERIES_B), uidsOf(query("/studies/" + STUDY + "/series"), "0020000E"));
        assertEquals(Set.of(SERIES_B), uidsOf(query("/studies/" + STUDY + "/series?SeriesInstanceUID=" + SERIES_B), "0020000E"));
    }

    @Test
    @Order(24)
    void searchForInstances() throws Exception {
        assertEquals(Set.of(RED), uidsOf(query("/instances?SOPInstanceUID=" + RED), "00080018"));
        assertTrue(uidsOf(query("/instances"), "00080018").containsAll(Set.of(RED, GREEN, BLUE)));
    }

    @Test
    @Order(25)
    void searchForInstancesWithinAStudy() throws Exception {
        assertEquals(Set.of(RED, GREEN, BLUE), uidsOf(query("/studies/" + STUDY + "/instances"), "00080018"));
        assertEquals(Set.of(BLUE), uidsOf(query("/studies/" + STUDY + "/instances?SOPInstanceUID=" + BLUE), "00080018"));
    }

    @Test
    @Order(26)
    void searchForInstancesWithinAStudyAndSeries() throws Exception {
        assertEquals(Set.of(RED, GREEN), uidsOf(query("/studies/" + STUDY + "/series/" + SERIES_A + "/instances"), "00080018"));
        assertEquals(Set.of(GREEN),
                uidsOf(query("/studies/" + STUDY + "/series/" + SERIES_A + "/instances?SOPInstanceUID=" + GREEN), "00080018"));
    }

    @Test
    @Order(27)
    void badRequestsAreAnsweredWithClearErrors() throws Exception {
        assertEquals(400, client.get("/studies?NoSuchAttribute=1", DicomWebHttp.DICOM_JSON).statusCode());
        assertEquals(400, client.get("/studies/not-a-uid/metadata", DicomWebHttp.DICOM_JSON).statusCode());
        assertEquals(406, client.get("/studies/" + STUDY + "/metadata", "image/png").statusCode());
        assertEquals(404, client.get("/studies/1.2.3.4.5/metadata", DicomWebHttp.DICOM_JSON).statusCode());
    }

    // ---- Delete --------------------------------------------------------------------------------

    @Test
    @Order(30)
    void deleteASpecificInstanceWithinAStudyAndSeries() throws Exception {
        assertEquals(204, client.delete(instancePath(SERIES_A, RED)).statusCode());
        // read-your-writes: visible at once, no polling
        assertEquals(404, client.get(instancePath(SERIES_A, RED), DicomWebHttp.MULTIPART_DICOM).statusCode());
        assertEquals(Set.of(GREEN, BLUE), uidsOf(query("/studies/" + STUDY + "/instances"), "00080018"));
        assertEquals(404, client.delete(instancePath(SERIES_A, RED)).statusCode(), "second delete finds nothing");
    }

    @Test
    @Order(31)
    void deleteASpecificSeriesWithinAStudy() throws Exception {
        assertEquals(204, client.delete("/studies/" + STUDY + "/series/" + SERIES_A).statusCode());
        assertEquals(Set.of(SERIES_B), uidsOf(query("/studies/" + STUDY + "/series"), "0020000E"));
        assertEquals(404, client.get("/studies/" + STUDY + "/series/" + SERIES_A + "/metadata", DicomWebHttp.DICOM_JSON).statusCode());
    }

    @Test
    @Order(32)
    void deleteASpecificStudy() throws Exception {
        assertEquals(204, client.delete("/studies/" + STUDY).statusCode());
        assertEquals(404, client.get("/studies/" + STUDY, DicomWebHttp.MULTIPART_DICOM).statusCode());
        assertEquals(0, query("/studies?StudyInstanceUID=" + STUDY).size());
        assertEquals(404, client.delete("/studies/" + STUDY).statusCode());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String instancePath(String series, String sop) {
        return "/studies/" + STUDY + "/series/" + series + "/instances/" + sop;
    }

    /** A QIDO query; an empty result is 200 with [] in Nimbus (204 is accepted too). */
    private static JsonNode query(String pathAndQuery) throws Exception {
        HttpResponse<byte[]> response = client.get(pathAndQuery, DicomWebHttp.DICOM_JSON);
        if (response.statusCode() == 204) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        assertEquals(200, response.statusCode(), pathAndQuery + " -> " + DicomWebHttp.text(response));
        JsonNode array = DicomWebHttp.json(response);
        assertTrue(array.isArray(), pathAndQuery);
        return array;
    }

    private static Set<String> uidsOf(JsonNode results, String tag) {
        Set<String> uids = new HashSet<>();
        results.forEach(r -> uids.add(string(r, tag)));
        return uids;
    }

    private static String string(JsonNode dataset, String tag) {
        JsonNode value = dataset.path(tag).path("Value");
        return value.isArray() && value.size() > 0 ? value.get(0).asText() : null;
    }
}
