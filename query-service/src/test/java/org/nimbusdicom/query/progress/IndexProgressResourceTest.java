package org.nimbusdicom.query.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.query.QueryTestSupport.CT_IMAGE;
import static org.nimbusdicom.query.QueryTestSupport.attrs;
import static org.nimbusdicom.query.QueryTestSupport.execute;
import static org.nimbusdicom.query.QueryTestSupport.send;
import static org.nimbusdicom.query.QueryTestSupport.stored;
import static org.nimbusdicom.query.QueryTestSupport.uid;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.query.QueryTestSupport;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = {
        @ResourceArg(name = "migrate", value = "false"), @ResourceArg(name = "servers", value = "postgres,kafka")})
class IndexProgressResourceTest {

    private static final String TOPIC = QueryTestSupport.TOPIC;

    @TestHTTPResource("/internal/index-progress/wait")
    URL waitUrl;

    @Test
    void answersAppliedTrueAsSoonAsTheOffsetIsIndexed() {
        String study = uid();
        long start = System.nanoTime();
        RecordMetadata m = send(stored(study, uid(), uid(), CT_IMAGE, attrs().put("00080060", "CS", "CT")));
        given().queryParam("topic", TOPIC).queryParam("partition", m.partition()).queryParam("offset", m.offset())
                .queryParam("timeoutMs", 20000)
                .get("/internal/index-progress/wait").then().statusCode(200).body("applied", is(true));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMs < 5000, "read-your-writes latency " + elapsedMs + " ms");
        assertEquals(1L, QueryTestSupport.queryLong("SELECT count(*) FROM study WHERE study_instance_uid = ?", study),
                "applied:true means the rows are visible");
        // already applied: immediate
        long again = System.nanoTime();
        given().queryParam("topic", TOPIC).queryParam("partition", m.partition()).queryParam("offset", m.offset())
                .queryParam("timeoutMs", 0).get("/internal/index-progress/wait").then().statusCode(200).body("applied", is(true));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - again) < 1000);
    }

    @Test
    void answersAppliedFalseAfterTheTimeout() {
        long start = System.nanoTime();
        given().queryParam("topic", TOPIC).queryParam("partition", 0).queryParam("offset", 1_000_000_000L)
                .queryParam("timeoutMs", 300)
                .get("/internal/index-progress/wait").then().statusCode(200).body("applied", is(false));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMs >= 290 && elapsedMs < 3000, "timed out after " + elapsedMs + " ms");
    }

    @Test
    void dozensOfConcurrentWaitersAreReleasedByOneCommit() throws Exception {
        String study = uid(); // one key: one partition
        RecordMetadata first = send(stored(study, uid(), uid(), CT_IMAGE, attrs().put("00080060", "CS", "CT")));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<String>>> waiters = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            URI uri = URI.create(waitUrl + "?topic=" + TOPIC + "&partition=" + first.partition() + "&offset="
                    + (first.offset() + 1) + "&timeoutMs=25000");
            waiters.add(client.sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(300);
        long start = System.nanoTime();
        RecordMetadata second = send(stored(study, uid(), uid(), CT_IMAGE, attrs().put("00080060", "CS", "CT")));
        assertEquals(first.partition(), second.partition());
        for (CompletableFuture<HttpResponse<String>> w : waiters) {
            HttpResponse<String> r = w.get(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertEquals("{\"applied\":true}", r.body());
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMs < 10_000, "all waiters released after " + elapsedMs + " ms");
    }

    @Test
    void progressWrittenByAnotherReplicaIsSeenThroughTheDatabase() {
        String topic = "replica-test-" + uid();
        execute("INSERT INTO index_progress (topic, partition, next_offset) VALUES ('" + topic + "', 2, 5)");
        given().queryParam("topic", topic).queryParam("partition", 2).queryParam("offset", 4).queryParam("timeoutMs", 5000)
                .get("/internal/index-progress/wait").then().statusCode(200).body("applied", is(true));
        given().queryParam("topic", topic).queryParam("partition", 2).queryParam("offset", 5).queryParam("timeoutMs", 100)
                .get("/internal/index-progress/wait").then().statusCode(200).body("applied", is(false));
        // progress moves while a request waits
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            execute("UPDATE index_progress SET next_offset = 9 WHERE topic = '" + topic + "'");
        });
        given().queryParam("topic", topic).queryParam("partition", 2).queryParam("offset", 8).queryParam("timeoutMs", 5000)
                .get("/internal/index-progress/wait").then().statusCode(200).body("applied", is(true));
        later.join();
    }

    @Test
    void invalidParametersAre400NamingTheParameter() {
        given().queryParam("partition", 0).queryParam("offset", 1).get("/internal/index-progress/wait")
                .then().statusCode(400).body("message", containsString("topic"));
        given().queryParam("topic", TOPIC).queryParam("partition", -1).queryParam("offset", 1)
                .get("/internal/index-progress/wait").then().statusCode(400).body("message", containsString("partition"));
        given().queryParam("topic", TOPIC).queryParam("partition", 0).queryParam("offset", "x")
                .get("/internal/index-progress/wait").then().statusCode(400).body("message", containsString("offset"));
        given().queryParam("topic", TOPIC).queryParam("partition", 0).queryParam("offset", 1).queryParam("timeoutMs", "-5")
                .get("/internal/index-progress/wait").then().statusCode(400).body("message", containsString("timeoutMs"));
    }
}
