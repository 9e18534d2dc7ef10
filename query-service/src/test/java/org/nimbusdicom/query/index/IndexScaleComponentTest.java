package org.nimbusdicom.query.index;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.query.QueryTestSupport.CT_IMAGE;
import static org.nimbusdicom.query.QueryTestSupport.TOPIC;
import static org.nimbusdicom.query.QueryTestSupport.attrs;
import static org.nimbusdicom.query.QueryTestSupport.stored;
import static org.nimbusdicom.query.QueryTestSupport.uid;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.query.QueryTestSupport;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * Opt-in scale check (not part of the default build): feeds N stored events straight to the
 * topic, measures indexing throughput, QIDO latency on the loaded index and the index lag at a
 * steady 50 events/s. Run with
 * {@code mvn -pl query-service install -Dtest=IndexScaleComponentTest -Dnimbus.scale.instances=100000}.
 * Figures go to stdout and {@code target/scale-results.txt}.
 */
@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = {
        @ResourceArg(name = "migrate", value = "false"), @ResourceArg(name = "servers", value = "postgres,kafka")})
@EnabledIfSystemProperty(named = "nimbus.scale.instances", matches = "\\d+")
class IndexScaleComponentTest {

    private static final String[] FAMILY = {"Smith", "Jones", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas",
        "Johnson", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood"};
    private static final String[] GIVEN = {"John", "Jane", "Oliver", "Amelia", "Harry", "Isla", "Jack", "Ava", "George", "Mia"};

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    private final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();

    @Test
    void indexAndQueryAtScale() throws Exception {
        int total = Integer.getInteger("nimbus.scale.instances");
        int perSeries = 10;
        int seriesPerStudy = 2;
        int studies = Math.max(1, total / (perSeries * seriesPerStudy));
        Random random = new Random(42);
        List<String> studyUids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder report = new StringBuilder();

        Properties props = new Properties();
        props.putAll(Map.of("bootstrap.servers", NimbusTestInfrastructure.kafka().bootstrapServers(), "acks", "all",
                "enable.idempotence", "true", "linger.ms", "5", "batch.size", "262144"));
        long produceStart = System.nanoTime();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int s = 0; s < studies; s++) {
                String study = uid();
                String name = FAMILY[random.nextInt(FAMILY.length)] + s + "^" + GIVEN[random.nextInt(GIVEN.length)];
                studyUids.add(study);
                names.add(name);
                String date = String.format("20%02d%02d%02d", 10 + random.nextInt(15), 1 + random.nextInt(12), 1 + random.nextInt(28));
                for (int se = 0; se < seriesPerStudy; se++) {
                    String series = uid();
                    for (int i = 0; i < perSeries; i++) {
                        InstanceStoredEvent e = stored(study, series, uid(), CT_IMAGE, attrs()
                                .put("00100010", "PN", name).put("00100020", "LO", "SCALE-" + s)
                                .put("00080020", "DA", date).put("00080030", "TM", "101010")
                                .put("00080050", "SH", "A" + s).put("00080060", "CS", se == 0 ? "CT" : "SR")
                                .put("00200011", "IS", se + 1).put("00200013", "IS", i + 1)
                                .put("00280010", "US", 512).put("00280011", "US", 512));
                        sends.add(producer.send(new ProducerRecord<>(TOPIC, study.getBytes(), EventCodec.encodeStored(e, "/scale"))));
                    }
                }
            }
            producer.flush();
        }
        List<RecordMetadata> acks = new ArrayList<>();
        for (Future<RecordMetadata> f : sends) {
            acks.add(f.get());
        }
        double produceSec = (System.nanoTime() - produceStart) / 1e9;
        long indexStart = System.nanoTime();
        for (RecordMetadata m : lastPerPartition(acks)) {
            awaitIndexed(m, 1800);
        }
        double indexSec = (System.nanoTime() - indexStart) / 1e9 + produceSec;
        int instances = studies * seriesPerStudy * perSeries;
        line(report, "instances %d (%d studies), produced in %.1f s, indexed (produce start -> all committed) in %.1f s = %.0f instances/s",
                instances, studies, produceSec, indexSec, instances / indexSec);

        // steady state: autovacuum would have analyzed the freshly loaded tables by now
        QueryTestSupport.execute("ANALYZE study; ANALYZE series; ANALYZE instance");

        // QIDO latency on the loaded index (through HTTP, sequential)
        latency(report, "QIDO /studies?StudyInstanceUID=", 300, i -> http("studies?StudyInstanceUID="
                + studyUids.get(random.nextInt(studies))), 1);
        latency(report, "QIDO /studies?PatientName=<family>*", 300, i -> http("studies?PatientName="
                + enc(names.get(random.nextInt(studies)).split("\\^")[0] + "*")), 1);
        latency(report, "QIDO /studies?PatientName=<exact>", 300, i -> http("studies?PatientName="
                + enc(names.get(random.nextInt(studies)))), 1);
        latency(report, "QIDO /studies?fuzzymatching=true&PatientName=<given> <family-prefix>", 300, i -> {
            String[] n = names.get(random.nextInt(studies)).split("\\^");
            return http("studies?fuzzymatching=true&PatientName=" + enc(n[1] + " " + n[0]));
        }, 1);
        latency(report, "QIDO /studies?StudyDate=<range>&limit=100", 200, i -> http("studies?StudyDate=20150101-20151231"), 0);
        latency(report, "QIDO /studies/{s}/instances", 300, i -> http("studies/" + studyUids.get(random.nextInt(studies))
                + "/instances"), 0);

        String someStudy = studyUids.get(0);
        String family = names.get(1).split("\\^")[0].toLowerCase();
        explain(report, "SELECT st.study_instance_uid FROM study st WHERE st.study_instance_uid = '" + someStudy
                + "' ORDER BY st.study_key LIMIT 100 OFFSET 0");
        explain(report, "SELECT st.study_instance_uid FROM study st WHERE st.patient_name_norm LIKE '" + family
                + "%' ESCAPE '\\' ORDER BY st.study_key LIMIT 100 OFFSET 0");
        explain(report, "SELECT st.study_instance_uid FROM study st WHERE st.patient_name_words LIKE '% " + family
                + "%' ESCAPE '\\' ORDER BY st.study_key LIMIT 100 OFFSET 0");
        explain(report, "SELECT i.sop_instance_uid FROM instance i JOIN series se ON se.series_instance_uid = i.series_instance_uid "
                + "JOIN study st ON st.study_instance_uid = i.study_instance_uid WHERE i.study_instance_uid = '" + someStudy
                + "' ORDER BY i.instance_key LIMIT 100 OFFSET 0");

        // index lag at a steady 50 events/s: produce -> applied:true from the progress endpoint
        double[] lags = new double[200];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < lags.length; i++) {
                long t0 = System.nanoTime();
                String study = uid();
                RecordMetadata m = producer.send(new ProducerRecord<>(TOPIC, study.getBytes(), EventCodec.encodeStored(
                        stored(study, uid(), uid(), CT_IMAGE, attrs().put("00080060", "CS", "CT")), "/scale"))).get();
                given().queryParam("topic", TOPIC).queryParam("partition", m.partition()).queryParam("offset", m.offset())
                        .queryParam("timeoutMs", 10000).get("/internal/index-progress/wait").then().statusCode(200);
                lags[i] = (System.nanoTime() - t0) / 1e6;
                long sleep = 20 - (long) lags[i];
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            }
        }
        Arrays.sort(lags);
        line(report, "index lag (produce acks=all -> applied:true) at <=50 events/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                lags[lags.length / 2], lags[(int) (lags.length * 0.99)], lags[lags.length - 1]);
        Files.writeString(Path.of("target/scale-results.txt"), report.toString());
        assertEquals(Long.valueOf(instances), QueryTestSupport.queryLong(
                "SELECT count(*) FROM instance i JOIN study s USING (study_instance_uid) WHERE s.patient_id LIKE 'SCALE-%'"));
    }

    private String http(String pathAndQuery) {
        try {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + pathAndQuery)).header("Accept", "application/dicom+json").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void explain(StringBuilder report, String sql) {
        try (java.sql.Connection c = QueryTestSupport.connect(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) " + sql)) {
            line(report, "EXPLAIN %s", sql.length() > 120 ? sql.substring(0, 120) + "..." : sql);
            while (rs.next()) {
                line(report, "    %s", rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Call {
        String run(int i);
    }

    private static void latency(StringBuilder report, String what, int n, Call call, int expectAtLeast) {
        for (int i = 0; i < 20; i++) {
            call.run(i); // warm-up
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            String body = call.run(i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            assertTrue(expectAtLeast == 0 || body.length() > 2, what + " returned nothing");
        }
        Arrays.sort(ms);
        line(report, "%s: p50 %.1f ms, p99 %.1f ms (n=%d)", what, ms[n / 2], ms[(int) (n * 0.99)], n);
    }

    private static void line(StringBuilder report, String format, Object... args) {
        String s = String.format(format, args);
        System.out.println("[scale] " + s);
        report.append(s).append('\n');
    }

    private static List<RecordMetadata> lastPerPartition(List<RecordMetadata> acks) {
        Map<Integer, RecordMetadata> last = new java.util.HashMap<>();
        for (RecordMetadata m : acks) {
            last.merge(m.partition(), m, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return new ArrayList<>(last.values());
    }

    private static void awaitIndexed(RecordMetadata m, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Long next = QueryTestSupport.queryLong("SELECT next_offset FROM index_progress WHERE topic = ? AND partition = ?",
                    m.topic(), m.partition());
            if (next != null && next > m.offset()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not indexed in time: " + m);
    }

}
