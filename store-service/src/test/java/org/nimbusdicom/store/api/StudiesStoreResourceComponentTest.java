package org.nimbusdicom.store.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.store.api.StowRequests.BLUE;
import static org.nimbusdicom.store.api.StowRequests.EXPLICIT_VR_LE;
import static org.nimbusdicom.store.api.StowRequests.GREEN;
import static org.nimbusdicom.store.api.StowRequests.RED;
import static org.nimbusdicom.store.api.StowRequests.SECONDARY_CAPTURE;
import static org.nimbusdicom.store.api.StowRequests.SERIES_A;
import static org.nimbusdicom.store.api.StowRequests.SERIES_B;
import static org.nimbusdicom.store.api.StowRequests.STUDY;
import static org.nimbusdicom.store.api.StowRequests.multipart;
import static org.nimbusdicom.store.api.StowRequests.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.event.CloudEvent;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.EventTypes;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.store.event.IndexProgressStub;
import org.nimbusdicom.testsupport.EmbeddedS3Server;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** STOW-RS against real S3 (S3Proxy), Kafka and PostgreSQL started in the test JVM. */
@QuarkusTest
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(IndexProgressStub.class)
class StudiesStoreResourceComponentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DICOM_JSON = "application/dicom+json";

    @Inject
    S3Client s3;

    @BeforeEach
    void indexApplies() {
        IndexProgressStub.reset(IndexProgressStub.Mode.APPLIED);
    }

    @Test
    void storesSeveralInstancesWithBlobMetadataAndEvents() throws Exception {
        byte[] green = seed("green-square.dcm");
        byte[] red = seed("red-triangle.dcm");
        byte[] blue = seed("blue-circle.dcm");
        StowRequests.Body body = multipart(green, red, blue);
        try (EventTopicReader topic = new EventTopicReader()) {
            StowClient.Reply response = post("/studies", body.contentType(), body.bytes());

            assertEquals(200, response.statusCode(), response.asString());
            assertEquals(DICOM_JSON, response.contentType());
            assertNull(response.header("Warning"));
            JsonNode dataset = JSON.readTree(response.asByteArray());
            String base = baseUrl();
            assertEquals(base + "/studies/" + STUDY, dataset.at("/00081190/Value/0").asText());
            assertEquals("UR", dataset.at("/00081190/vr").asText());
            assertTrue(dataset.path("00081198").isMissingNode(), "no FailedSOPSequence");
            JsonNode referenced = dataset.at("/00081199/Value");
            assertEquals(3, referenced.size());
            String[][] expected = {{SERIES_A, GREEN}, {SERIES_A, RED}, {SERIES_B, BLUE}};
            for (int i = 0; i < 3; i++) {
                JsonNode item = referenced.get(i);
                assertEquals(SECONDARY_CAPTURE, item.at("/00081150/Value/0").asText());
                assertEquals(expected[i][1], item.at("/00081155/Value/0").asText());
                assertEquals(base + "/studies/" + STUDY + "/series/" + expected[i][0] + "/instances/" + expected[i][1],
                        item.at("/00081190/Value/0").asText());
            }

            List<ConsumerRecord<String, byte[]>> records = topic.poll(3);
            assertEquals(3, records.size());
            // kept for docs/events.md and for checking the JSON Schema of common (see README)
            java.nio.file.Files.write(java.nio.file.Path.of("target", "sample-instance-stored-event.json"), records.get(0).value());
            Map<String, byte[]> files = Map.of(GREEN, green, RED, red, BLUE, blue);
            Map<String, String> seriesOf = Map.of(GREEN, SERIES_A, RED, SERIES_A, BLUE, SERIES_B);
            for (ConsumerRecord<String, byte[]> record : records) {
                assertEquals(STUDY, record.key(), "key = StudyInstanceUID");
                CloudEvent envelope = EventCodec.decode(record.value());
                assertEquals("1.0", envelope.specversion());
                assertEquals(EventTypes.INSTANCE_STORED, envelope.type());
                assertEquals("/nimbus/store-service", envelope.source());
                assertEquals("application/json", envelope.datacontenttype());
                assertEquals(EventTypes.SCHEMA_V1, envelope.dataschema());
                InstanceStoredEvent event = EventCodec.storedData(envelope);
                String sop = event.sopInstanceUid();
                assertTrue(files.containsKey(sop), sop);
                assertEquals("studies/" + STUDY + "/series/" + seriesOf.get(sop) + "/instances/" + sop, envelope.subject());
                assertEquals(STUDY, event.studyInstanceUid());
                assertEquals(seriesOf.get(sop), event.seriesInstanceUid());
                assertEquals(SECONDARY_CAPTURE, event.sopClassUid());
                assertEquals(EXPLICIT_VR_LE, event.transferSyntaxUid());
                assertTrue(StoreId.isValid(event.storeId()), event.storeId());
                InstanceIdentifier id = new InstanceIdentifier(STUDY, seriesOf.get(sop), sop);
                assertEquals(BlobKeys.blobKey(id, event.storeId()), event.blobKey());
                assertEquals(BlobKeys.metadataKey(id, event.storeId()), event.metadataKey());
                assertEquals(files.get(sop).length, event.size());
                assertEquals(1, event.numberOfFrames());
                assertNotEquals(null, event.storedAt());
                // native RGB 979 x 985, one frame; the value is padded to an even length
                assertFalse(event.pixelData().encapsulated());
                assertEquals(1, event.pixelData().numberOfFrames());
                assertEquals(2_892_946L, event.pixelData().valueLength());
                assertEquals(979L * 985 * 3, event.pixelData().frameLength());
                assertEquals(files.get(sop).length - 2_892_946L, event.pixelData().valueOffset(),
                        "pixel data is the last element of the file");
                assertTrue(event.bulkData().isEmpty(), "no bulk data besides pixel data");
                JsonNode attributes = event.attributes();
                assertEquals("Anony Mous", attributes.at("/00100010/Value/0/Alphabetic").asText());
                assertEquals("ID1", attributes.at("/00100020/Value/0").asText());
                assertEquals("20200922", attributes.at("/00080020/Value/0").asText());
                assertEquals("OT", attributes.at("/00080060/Value/0").asText());
                assertEquals(sop, attributes.at("/00080018/Value/0").asText());
                assertTrue(attributes.path("7FE00010").isMissingNode(), "never pixel data in the event");

                // S3: the blob is byte-identical, the metadata is DICOM JSON with a BulkDataURI
                assertArrayEquals(files.get(sop), getObject(event.blobKey()).asByteArray());
                ResponseBytes<GetObjectResponse> metadata = getObject(event.metadataKey());
                assertEquals(DICOM_JSON, metadata.response().contentType());
                String metadataText = metadata.asUtf8String();
                assertFalse(metadataText.contains("\n"), "compact JSON");
                JsonNode meta = JSON.readTree(metadataText);
                assertEquals(sop, meta.at("/00080018/Value/0").asText());
                assertEquals(STUDY, meta.at("/0020000D/Value/0").asText());
                assertEquals("/studies/" + STUDY + "/series/" + seriesOf.get(sop) + "/instances/" + sop + "/bulkdata/7FE00010",
                        meta.at("/7FE00010/BulkDataURI").asText());
            }
            // read-your-writes: one wait per partition used, at the highest offset of it
            Map<Integer, Long> highest = new HashMap<>();
            records.forEach(r -> highest.merge(r.partition(), r.offset(), Math::max));
            List<IndexProgressStub.Wait> waits = IndexProgressStub.waits();
            assertEquals(highest.size(), waits.size());
            for (IndexProgressStub.Wait wait : waits) {
                assertEquals(NimbusTestInfrastructure.TOPIC, wait.topic());
                assertEquals(highest.get(wait.partition()), wait.offset());
                assertTrue(wait.timeoutMs() > 0 && wait.timeoutMs() <= 1500, "bounded by the configured timeout");
            }
        }
    }

    @Test
    void singlePartApplicationDicomIsStored() throws Exception {
        byte[] green = withNewSopInstanceUid(seed("green-square.dcm"), GREEN);
        StowClient.Reply response = post("/studies/" + STUDY, "application/dicom", green);
        assertEquals(200, response.statusCode(), response.asString());
        JsonNode dataset = JSON.readTree(response.asByteArray());
        assertEquals(1, dataset.at("/00081199/Value").size());
    }

    @Test
    void indexTimeoutStillSucceedsWithWarning() throws Exception {
        IndexProgressStub.reset(IndexProgressStub.Mode.NOT_APPLIED);
        StowRequests.Body body = multipart(withNewSopInstanceUid(seed("red-triangle.dcm"), RED));
        long start = System.nanoTime();
        StowClient.Reply response = post("/studies", body.contentType(), body.bytes());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("199 nimbus \"index not yet updated\"", response.header("Warning"));
        assertEquals(1, JSON.readTree(response.asByteArray()).at("/00081199/Value").size());
        assertEquals(1, IndexProgressStub.waits().size());
        assertTrue(millis < 6000, "bounded wait, took " + millis + " ms");
    }

    @Test
    void mixedGoodAndBadPartsAnswer202() throws Exception {
        byte[] good = withNewSopInstanceUid(seed("green-square.dcm"), GREEN);
        byte[] invalidUid = replace(seed("red-triangle.dcm"), RED, RED.replace('.', 'x').replace("1x2x", "1.2."));
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        StowRequests.Body body = multipart(good, invalidUid, garbage);
        try (EventTopicReader topic = new EventTopicReader()) {
            StowClient.Reply response = post("/studies", body.contentType(), body.bytes());
            assertEquals(202, response.statusCode(), response.asString());
            JsonNode dataset = JSON.readTree(response.asByteArray());
            assertEquals(1, dataset.at("/00081199/Value").size());
            JsonNode failed = dataset.at("/00081198/Value");
            assertEquals(2, failed.size());
            assertEquals(43264, failed.get(0).at("/00081197/Value/0").asInt());
            assertEquals("US", failed.get(0).at("/00081197/vr").asText());
            assertEquals(SECONDARY_CAPTURE, failed.get(0).at("/00081150/Value/0").asText());
            assertTrue(failed.get(0).path("00081155").isMissingNode(), "an invalid UID is not echoed");
            assertEquals(49152, failed.get(1).at("/00081197/Value/0").asInt());
            assertEquals(1, topic.poll(1).size());
            assertTrue(topic.drain(java.time.Duration.ofMillis(500)).isEmpty(), "no event for the failed parts");
        }
    }

    @Test
    void instanceOfAnotherStudyFailsWith43265() throws Exception {
        byte[] otherStudy = replace(withNewSopInstanceUid(seed("blue-circle.dcm"), BLUE), STUDY,
                STUDY.substring(0, STUDY.length() - 3) + "999");
        byte[] good = withNewSopInstanceUid(seed("green-square.dcm"), GREEN);
        StowRequests.Body body = multipart(good, otherStudy);
        StowClient.Reply response = post("/studies/" + STUDY, body.contentType(), body.bytes());
        assertEquals(202, response.statusCode(), response.asString());
        JsonNode dataset = JSON.readTree(response.asByteArray());
        assertEquals(baseUrl() + "/studies/" + STUDY, dataset.at("/00081190/Value/0").asText());
        JsonNode failed = dataset.at("/00081198/Value/0");
        assertEquals(43265, failed.at("/00081197/Value/0").asInt());
        assertEquals(SECONDARY_CAPTURE, failed.at("/00081150/Value/0").asText());

        StowRequests.Body only = multipart(seed("green-square.dcm"));
        StowClient.Reply all = post("/studies/1.2.3", only.contentType(), only.bytes());
        assertEquals(409, all.statusCode(), all.asString());
        JsonNode item = JSON.readTree(all.asByteArray()).at("/00081198/Value/0");
        assertEquals(43265, item.at("/00081197/Value/0").asInt());
        assertEquals(GREEN, item.at("/00081155/Value/0").asText());
    }

    @Test
    void indexedInstanceIsNotOverwritten() throws Exception {
        byte[] red = withNewSopInstanceUid(seed("red-triangle.dcm"), RED);
        String sop = sopOf(red, RED);
        insertIndexRow(STUDY, SERIES_A, sop);
        try (EventTopicReader topic = new EventTopicReader()) {
            StowRequests.Body body = multipart(red);
            StowClient.Reply response = post("/studies", body.contentType(), body.bytes());
            assertEquals(409, response.statusCode(), response.asString());
            JsonNode item = JSON.readTree(response.asByteArray()).at("/00081198/Value/0");
            assertEquals(45070, item.at("/00081197/Value/0").asInt());
            assertEquals(sop, item.at("/00081155/Value/0").asText());
            assertTrue(topic.drain(java.time.Duration.ofMillis(500)).isEmpty(), "no event for a duplicate");
            assertTrue(listKeys(BlobKeys.instancePrefix(new InstanceIdentifier(STUDY, SERIES_A, sop))).isEmpty(),
                    "no blob for a duplicate");
        }
        // twice in the same request: the second copy is a duplicate
        byte[] green = withNewSopInstanceUid(seed("green-square.dcm"), GREEN);
        StowRequests.Body twice = multipart(green, green);
        StowClient.Reply response = post("/studies", twice.contentType(), twice.bytes());
        assertEquals(202, response.statusCode(), response.asString());
        assertEquals(45070, JSON.readTree(response.asByteArray()).at("/00081198/Value/0/00081197/Value/0").asInt());
    }

    @Test
    void unsupportedContentTypesAnswer415() {
        byte[] green = seed("green-square.dcm");
        StowClient.Reply json = post("/studies", "multipart/related; type=\"application/dicom+json\"; boundary=x", green);
        assertEquals(415, json.statusCode());
        assertTrue(json.json().path("message").asText().contains("not supported"), json.asString());
        assertEquals(415, post("/studies", "text/plain", green).statusCode());
        assertEquals(415, post("/studies", "multipart/related; type=\"image/jpeg\"; boundary=x", green).statusCode());
        StowClient.Reply missing = post("/studies", null, green);
        assertEquals(415, missing.statusCode(), missing.asString());
    }

    @Test
    void malformedRequestsAnswer400() {
        byte[] garbage = "this is not a multipart body at all\r\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
        StowClient.Reply response = post("/studies", "multipart/related; type=\"application/dicom\"; boundary=abc", garbage);
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals(400, response.json().path("status").asInt());

        StowRequests.Body body = multipart(seed("green-square.dcm"));
        byte[] truncated = Arrays.copyOf(body.bytes(), body.bytes().length - 40); // no close delimiter
        assertEquals(400, post("/studies", body.contentType(), truncated).statusCode());

        assertEquals(400, post("/studies", "multipart/related; type=\"application/dicom\"", body.bytes()).statusCode(),
                "no boundary");
        assertEquals(400, post("/studies/not-a-uid", body.contentType(), body.bytes()).statusCode());
        assertEquals(400, post("/studies/1.2.03", body.contentType(), body.bytes()).statusCode());
    }

    @Test
    void bodiesOverTheLimitsAnswer413() {
        // per-part limit (8M in tests)
        StowRequests.Body big = multipart(new byte[9 * 1024 * 1024]);
        StowClient.Reply part = post("/studies", big.contentType(), big.bytes());
        assertEquals(413, part.statusCode(), part.asString());
        // request limit (24M in tests), with Content-Length and chunked
        byte[] huge = new byte[25 * 1024 * 1024];
        // a Content-Length over the limit is refused on the headers (the answer arrives before the
        // body is sent; without 100-continue the client may still be writing when the server closes)
        assertEquals(413, StowClient.postExpectingContinue("/studies", "multipart/related; type=\"application/dicom\"; boundary=x",
                huge).statusCode());
        StowClient.Reply chunked = StowClient.postChunked("/studies", "multipart/related; type=\"application/dicom\"; boundary=x", huge);
        assertEquals(413, chunked.statusCode());
    }

    @Test
    void readinessCoversKafkaS3AndDatabase() {
        io.restassured.response.Response ready = given().when().get("/q/health/ready");
        assertEquals(200, ready.statusCode(), ready.asString());
        List<String> names = ready.jsonPath().getList("checks.name");
        assertTrue(names.contains("kafka"), names.toString());
        assertTrue(names.contains("s3"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.toLowerCase().contains("database")), names.toString());
    }

    @Test
    void openApiDocumentsBothStowOperations() {
        io.restassured.response.Response openapi = given().queryParam("format", "json").when().get("/q/openapi");
        assertEquals(200, openapi.statusCode());
        io.restassured.path.json.JsonPath doc = openapi.jsonPath();
        assertEquals("storeInstances", doc.getString("paths.'/studies'.post.operationId"));
        assertEquals("storeInstancesInStudy", doc.getString("paths.'/studies/{study}'.post.operationId"));
        Map<String, Object> responses = doc.getMap("paths.'/studies'.post.responses");
        for (String status : List.of("200", "202", "400", "409", "413", "415", "503")) {
            assertTrue(responses.containsKey(status), "documents " + status);
        }
        assertTrue(doc.getMap("paths.'/studies'.post.responses.'200'.content").containsKey(DICOM_JSON));
    }

    // ---- helpers ----

    static StowClient.Reply post(String path, String contentType, byte[] body) {
        return StowClient.post(path, contentType, body);
    }

    private static String baseUrl() {
        return StowClient.baseUrl();
    }

    private ResponseBytes<GetObjectResponse> getObject(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(EmbeddedS3Server.BUCKET).key(key));
    }

    private List<String> listKeys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(EmbeddedS3Server.BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    /** Gives a seed file a fresh SOP Instance UID of the same length, so tests do not collide. */
    static byte[] withNewSopInstanceUid(byte[] file, String sop) {
        String suffix = String.valueOf(100000 + new Random().nextInt(900000));
        return replace(file, sop, sop.substring(0, sop.length() - suffix.length()) + suffix);
    }

    /** The SOP Instance UID of a file derived from the seed whose UID was {@code original}. */
    static String sopOf(byte[] file, String original) {
        String text = new String(file, 0, Math.min(file.length, 4096), StandardCharsets.ISO_8859_1);
        int at = text.indexOf(original.substring(0, original.length() - 6));
        return text.substring(at, at + original.length());
    }

    /** Replaces every occurrence of an ASCII string with another of the same length. */
    static byte[] replace(byte[] file, String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("same length required");
        }
        byte[] copy = file.clone();
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        int replaced = 0;
        for (int i = 0; i <= copy.length - f.length; i++) {
            if (Arrays.equals(copy, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, copy, i, t.length);
                replaced++;
            }
        }
        if (replaced == 0) {
            throw new IllegalArgumentException("not found: " + from);
        }
        return copy;
    }

    private static void insertIndexRow(String study, String series, String sop) throws SQLException, IOException {
        try (Connection c = NimbusTestInfrastructure.postgres().connect()) {
            try (PreparedStatement s = c.prepareStatement(
                    "insert into study (study_instance_uid) values (?) on conflict do nothing")) {
                s.setString(1, study);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "insert into series (series_instance_uid, study_instance_uid) values (?, ?) on conflict do nothing")) {
                s.setString(1, series);
                s.setString(2, study);
                s.executeUpdate();
            }
            String storeId = StoreId.next();
            InstanceIdentifier id = new InstanceIdentifier(study, series, sop);
            try (PreparedStatement s = c.prepareStatement("insert into instance (sop_instance_uid, series_instance_uid, "
                    + "study_instance_uid, store_id, blob_key, metadata_key, size_bytes) values (?, ?, ?, ?, ?, ?, 1)")) {
                s.setString(1, sop);
                s.setString(2, series);
                s.setString(3, study);
                s.setString(4, storeId);
                s.setString(5, BlobKeys.blobKey(id, storeId));
                s.setString(6, BlobKeys.metadataKey(id, storeId));
                s.executeUpdate();
            }
        }
    }
}
