package org.nimbusdicom.delete.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.delete.support.FakeQueryService;
import org.nimbusdicom.delete.support.Fixtures;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Component-level latency of DELETE (opt-in: {@code -Dnimbus.bench=true -Dtest=DeleteLatencyBench}):
 * time from request to 204 (index wait answered by {@link FakeQueryService}, which confirms once it
 * read the record back from Kafka), and time from the 204 until the cleanup removed the objects.
 * {@code -Dnimbus.bench.mode=instant} answers the wait at once: the service's own share.
 * Not the end-to-end figure of {@code shared/bench/dicomweb_bench.py delete} (no real indexer).
 */
@QuarkusTest
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(FakeQueryService.class)
@EnabledIfSystemProperty(named = "nimbus.bench", matches = "true")
class DeleteLatencyBench {

    private static final int ROUNDS = Integer.getInteger("nimbus.bench.rounds", 40);

    @Inject
    S3Client s3;

    @Test
    void measure() throws Exception {
        String mode = System.getProperty("nimbus.bench.mode", "applied");
        DeleteResourceTest.fakeQueryService("POST", "/control/mode?value=" + mode);
        Fixtures fixtures = new Fixtures(s3);
        List<Double> toResponse = new ArrayList<>();
        List<Double> toGone = new ArrayList<>();
        for (int i = 0; i < ROUNDS + 3; i++) {
            String study = Fixtures.newUid();
            fixtures.study(study, 1, 2);
            long start = System.nanoTime();
            int status = given().when().delete("/studies/" + study).then().extract().statusCode();
            long answered = System.nanoTime();
            assertEquals(204, status);
            while (!fixtures.keysUnder(BlobKeys.ROOT_PREFIX + study + "/").isEmpty()) {
                Thread.sleep(5);
            }
            long gone = System.nanoTime();
            if (i >= 3) { // warm-up
                toResponse.add((answered - start) / 1e6);
                toGone.add((gone - answered) / 1e6);
            }
        }
        String summary = String.format(Locale.ROOT,
                "{\"mode\":\"%s\",\"rounds\":%d,\"delete_to_204_ms\":{\"p50\":%.1f,\"p99\":%.1f,\"max\":%.1f},"
                        + "\"204_to_blobs_gone_ms\":{\"p50\":%.1f,\"p99\":%.1f,\"max\":%.1f}}",
                mode, ROUNDS, pct(toResponse, 50), pct(toResponse, 99), pct(toResponse, 100), pct(toGone, 50),
                pct(toGone, 99), pct(toGone, 100));
        System.out.println("DELETE latency: " + summary);
        Files.writeString(Path.of("target", "delete-latency-" + mode + ".json"), summary);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
