package org.nimbusdicom.delete.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.delete.support.FakeQueryService;
import org.nimbusdicom.delete.support.Fixtures;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/** PostgreSQL unreachable (a closed loopback port), Kafka and S3 up: DELETE answers 503 quickly. */
@QuarkusTest
@TestProfile(PostgresDownTest.Profile.class)
class PostgresDownTest {

    /** No PostgreSQL from the test resources; the JDBC URL points at a port nobody listens on. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:" + KafkaDownTest.closedPort() + "/nimbus");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(NimbusTestInfrastructure.class, Map.of("servers", "kafka,s3")),
                    new TestResourceEntry(FakeQueryService.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void deleteAnswers503WithRetryAfterWithinSeconds() {
        long start = System.nanoTime();
        given().when().delete("/studies/" + Fixtures.newUid()).then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503)).body("message", containsString("PostgreSQL"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 8000, "bounded by the JDBC timeouts, took " + millis + " ms");
    }

    @Test
    void notReadyWhilePostgresIsDown() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem("Database connections health check"));
    }
}
