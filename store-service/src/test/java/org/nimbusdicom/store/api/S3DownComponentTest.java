package org.nimbusdicom.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.store.api.StowRequests.GREEN;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.store.event.IndexProgressStub;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/** S3 unreachable: 503 with Retry-After within seconds, and no event published. */
@QuarkusTest
@TestProfile(S3DownComponentTest.S3Down.class)
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(IndexProgressStub.class)
class S3DownComponentTest {

    /** S3 endpoint on a port nobody listens on (ordinal above the test resources' values). */
    public static class S3Down implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "config_ordinal", "10000",
                    "quarkus.s3.endpoint-override", "http://127.0.0.1:" + closedPort());
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void storeAnswers503WithRetryAfterAndPublishesNothing() {
        byte[] green = StudiesStoreResourceComponentTest.withNewSopInstanceUid(StowRequests.seed("green-square.dcm"), GREEN);
        StowRequests.Body body = StowRequests.multipart(green);
        try (EventTopicReader topic = new EventTopicReader()) {
            long start = System.nanoTime();
            StowClient.Reply response = StowClient.post("/studies", body.contentType(), body.bytes());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, response.statusCode(), response.toString());
            assertEquals("5", response.header("Retry-After"));
            assertTrue(response.json().path("message").asText().startsWith("S3"), response.toString());
            assertTrue(millis < 10_000, "answered within seconds, took " + millis + " ms");
            assertTrue(topic.drain(Duration.ofMillis(500)).isEmpty(), "no event without a blob");
        }
    }
}
