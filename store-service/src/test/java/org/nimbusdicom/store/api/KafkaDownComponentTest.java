package org.nimbusdicom.store.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.store.api.StowRequests.GREEN;
import static org.nimbusdicom.store.api.StowRequests.SERIES_A;
import static org.nimbusdicom.store.api.StowRequests.STUDY;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.store.event.IndexProgressStub;
import org.nimbusdicom.testsupport.EmbeddedS3Server;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.services.s3.S3Client;

/** Kafka unreachable (the producer points at a closed loopback port): 503 with Retry-After, quickly, and no blob left. */
@QuarkusTest
@TestProfile(KafkaDownComponentTest.KafkaDown.class)
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(IndexProgressStub.class)
class KafkaDownComponentTest {

    /** Producer bootstrap on a port nobody listens on, with short client timeouts. */
    public static class KafkaDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "nimbus.store.kafka.bootstrap-servers", "127.0.0.1:" + closedPort(),
                    "nimbus.store.kafka.max-block", "1500ms",
                    "nimbus.store.kafka.request-timeout", "1s",
                    "nimbus.store.kafka.delivery-timeout", "2s",
                    "nimbus.store.retry-after-seconds", "7");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    S3Client s3;

    @Test
    void storeAnswers503WithRetryAfterAndCleansUp() {
        byte[] green = StudiesStoreResourceComponentTest.withNewSopInstanceUid(StowRequests.seed("green-square.dcm"), GREEN);
        String sop = StudiesStoreResourceComponentTest.sopOf(green, GREEN);
        StowRequests.Body body = StowRequests.multipart(green);
        long start = System.nanoTime();
        StowClient.Reply response = StudiesStoreResourceComponentTest.post("/studies", body.contentType(), body.bytes());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(503, response.statusCode(), response.asString());
        assertEquals("7", response.header("Retry-After"));
        assertNotNull(response.json().path("message").textValue());
        assertTrue(millis < 10_000, "answered within seconds, took " + millis + " ms");
        String prefix = BlobKeys.instancePrefix(new InstanceIdentifier(STUDY, SERIES_A, sop));
        assertTrue(s3.listObjectsV2(b -> b.bucket(EmbeddedS3Server.BUCKET).prefix(prefix)).contents().isEmpty(),
                "blob and metadata removed after the failed publish");
    }

    @Test
    void notReadyWithoutKafka() {
        Response ready = given().when().get("/q/health/ready");
        assertEquals(503, ready.statusCode(), ready.asString());
        assertTrue(ready.asString().contains("kafka"));
    }
}
