package org.nimbusdicom.delete.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.delete.support.Fixtures;
import org.nimbusdicom.delete.support.FakeQueryService;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.services.s3.S3Client;

/** Kafka unreachable (a closed loopback port), PostgreSQL and S3 up: DELETE answers 503 quickly. */
@QuarkusTest
@TestProfile(KafkaDownTest.Profile.class)
class KafkaDownTest {

    /** No Kafka from the test resources; the bootstrap servers point at a port nobody listens on. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + closedPort(),
                    "nimbus.delete.events.send-timeout", "3s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(NimbusTestInfrastructure.class, Map.of("servers", "postgres,s3")),
                    new TestResourceEntry(FakeQueryService.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    S3Client s3;

    @Test
    void deleteAnswers503WithRetryAfterWithinSeconds() {
        String study = Fixtures.newUid();
        new Fixtures(s3).study(study, 1, 1);

        long start = System.nanoTime();
        Response response = given().when().delete("/studies/" + study);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(503, response.statusCode(), response.asString());
        assertNotNull(response.header("Retry-After"));
        assertEquals(503, response.jsonPath().getInt("status"));
        assertTrue(response.jsonPath().getString("message").contains("Kafka"), response.asString());
        assertTrue(millis < 8000, "bounded by the send timeout, took " + millis + " ms");
    }

    @Test
    void notReadyWhileKafkaIsDown() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem("Kafka"));
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
