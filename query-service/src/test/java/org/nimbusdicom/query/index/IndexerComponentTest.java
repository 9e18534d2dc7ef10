package org.nimbusdicom.query.index;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.query.QueryTestSupport.CT_IMAGE;
import static org.nimbusdicom.query.QueryTestSupport.MR_IMAGE;
import static org.nimbusdicom.query.QueryTestSupport.TOPIC;
import static org.nimbusdicom.query.QueryTestSupport.attrs;
import static org.nimbusdicom.query.QueryTestSupport.awaitIndexed;
import static org.nimbusdicom.query.QueryTestSupport.deleted;
import static org.nimbusdicom.query.QueryTestSupport.execute;
import static org.nimbusdicom.query.QueryTestSupport.queryLong;
import static org.nimbusdicom.query.QueryTestSupport.queryString;
import static org.nimbusdicom.query.QueryTestSupport.send;
import static org.nimbusdicom.query.QueryTestSupport.sendAndAwait;
import static org.nimbusdicom.query.QueryTestSupport.stored;
import static org.nimbusdicom.query.QueryTestSupport.uid;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.event.DeletionLevel;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.query.QueryTestSupport;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = {
        @ResourceArg(name = "migrate", value = "false"), @ResourceArg(name = "servers", value = "postgres,kafka")})
class IndexerComponentTest {

    @Inject
    IndexerConsumer indexer;

    @Inject
    IndexBatchService batchService;

    private static QueryTestSupport.Attrs ct(String patientId) {
        return attrs().put("00100020", "LO", patientId).put("00100010", "PN", "Doe^John")
                .put("00080020", "DA", "20200102").put("00080060", "CS", "CT").put("00200011", "IS", 1);
    }

    @Test
    void storedEventsBuildStudySeriesAndInstanceRowsWithCounts() {
        String study = uid();
        String ctSeries = uid();
        String mrSeries = uid();
        InstanceStoredEvent a = stored(study, ctSeries, uid(), CT_IMAGE, ct("P1").put("00200013", "IS", 1)
                .put("00280010", "US", 512).put("00280011", "US", 256));
        InstanceStoredEvent b = stored(study, ctSeries, uid(), CT_IMAGE, ct("P1").put("00200013", "IS", 2));
        InstanceStoredEvent c = stored(study, mrSeries, uid(), MR_IMAGE, attrs().put("00080060", "CS", "MR")
                .put("00100020", "LO", "P1").put("0008103E", "LO", "T1 axial"));
        sendAndAwait(a, b, c);

        assertEquals(2L, queryLong("SELECT number_of_study_related_series FROM study WHERE study_instance_uid = ?", study));
        assertEquals(3L, queryLong("SELECT number_of_study_related_instances FROM study WHERE study_instance_uid = ?", study));
        assertEquals("{CT,MR}", queryString("SELECT modalities_in_study::text FROM study WHERE study_instance_uid = ?", study));
        assertEquals("{" + CT_IMAGE + "," + MR_IMAGE + "}",
                queryString("SELECT sop_classes_in_study::text FROM study WHERE study_instance_uid = ?", study));
        assertEquals(2L, queryLong("SELECT number_of_series_related_instances FROM series WHERE series_instance_uid = ?", ctSeries));
        assertEquals("doe^john", queryString("SELECT patient_name_norm FROM study WHERE study_instance_uid = ?", study));
        assertEquals(" doe john", queryString("SELECT patient_name_words FROM study WHERE study_instance_uid = ?", study));
        assertEquals("2020-01-02", queryString("SELECT study_date::text FROM study WHERE study_instance_uid = ?", study));
        // the contract columns other services read
        assertEquals(a.storeId() + "|" + a.blobKey() + "|" + a.metadataKey() + "|1234|1|" + CT_IMAGE + "|" + ctSeries + "|" + study,
                queryString("SELECT store_id || '|' || blob_key || '|' || metadata_key || '|' || size_bytes || '|' "
                        + "|| number_of_frames || '|' || sop_class_uid || '|' || series_instance_uid || '|' || study_instance_uid "
                        + "FROM instance WHERE sop_instance_uid = ?", a.sopInstanceUid()));
        assertEquals("512x256#1", queryString("SELECT rows || 'x' || columns || '#' || instance_number FROM instance "
                + "WHERE sop_instance_uid = ?", a.sopInstanceUid()));
        assertEquals("[]", queryString("SELECT bulk_data::text FROM instance WHERE sop_instance_uid = ?", a.sopInstanceUid()));
        // the attributes are split by level
        assertEquals("T1 axial", queryString("SELECT attributes->'0008103E'->'Value'->>0 FROM series WHERE series_instance_uid = ?", mrSeries));
        assertEquals("P1", queryString("SELECT attributes->'00100020'->'Value'->>0 FROM study WHERE study_instance_uid = ?", study));
        assertNull(queryString("SELECT attributes->>'00100020' FROM instance WHERE sop_instance_uid = ?", a.sopInstanceUid()));
    }

    @Test
    void pixelAndBulkDataLocationsRoundTripForRetrieve() throws Exception {
        String study = uid();
        InstanceStoredEvent template = stored(study, uid(), uid(), CT_IMAGE, ct("P8"));
        org.nimbusdicom.common.event.PixelDataDescriptor pixels = new org.nimbusdicom.common.event.PixelDataDescriptor(
                1000, 5000, true, null, 2, List.of(
                        List.of(new org.nimbusdicom.common.model.ByteRange(1016, 2000)),
                        List.of(new org.nimbusdicom.common.model.ByteRange(3024, 1000), new org.nimbusdicom.common.model.ByteRange(4032, 900))));
        List<org.nimbusdicom.common.event.BulkDataLocation> bulk = List.of(
                new org.nimbusdicom.common.event.BulkDataLocation("00283010/0/00283006", 600, 128));
        InstanceStoredEvent e = new InstanceStoredEvent(study, template.seriesInstanceUid(), template.sopInstanceUid(),
                CT_IMAGE, "1.2.840.10008.1.2.4.50", template.storeId(), template.blobKey(), template.metadataKey(), 6000, 2,
                pixels, bulk, template.attributes(), template.storedAt());
        sendAndAwait(e);
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(pixels, plain.readValue(queryString("SELECT pixel_data::text FROM instance WHERE sop_instance_uid = ?",
                e.sopInstanceUid()), org.nimbusdicom.common.event.PixelDataDescriptor.class));
        assertEquals(bulk, List.of(plain.readValue(queryString("SELECT bulk_data::text FROM instance WHERE sop_instance_uid = ?",
                e.sopInstanceUid()), org.nimbusdicom.common.event.BulkDataLocation[].class)));
        assertEquals("1.2.840.10008.1.2.4.50|2", queryString("SELECT transfer_syntax_uid || '|' || number_of_frames "
                + "FROM instance WHERE sop_instance_uid = ?", e.sopInstanceUid()));
    }

    @Test
    void duplicatesAreIdempotentAndTheFirstStoreIdWins() {
        String study = uid();
        String series = uid();
        String sop = uid();
        InstanceStoredEvent first = stored(study, series, sop, CT_IMAGE, ct("P2"));
        InstanceStoredEvent second = stored(study, series, sop, CT_IMAGE, ct("P2")); // same SOP, another store id
        sendAndAwait(first, first, second, first);
        assertEquals(1L, queryLong("SELECT count(*) FROM instance WHERE sop_instance_uid = ?", sop));
        assertEquals(first.storeId(), queryString("SELECT store_id FROM instance WHERE sop_instance_uid = ?", sop));
        assertEquals(1L, queryLong("SELECT number_of_study_related_instances FROM study WHERE study_instance_uid = ?", study));
        assertEquals(1L, queryLong("SELECT number_of_series_related_instances FROM series WHERE series_instance_uid = ?", series));
    }

    @Test
    void deletionEventsRemoveRowsAtEachLevelAndRespectStoreIds() {
        String study = uid();
        String s1 = uid();
        String s2 = uid();
        InstanceStoredEvent a = stored(study, s1, uid(), CT_IMAGE, ct("P3"));
        InstanceStoredEvent b = stored(study, s1, uid(), CT_IMAGE, ct("P3"));
        InstanceStoredEvent c = stored(study, s2, uid(), MR_IMAGE, attrs().put("00080060", "CS", "MR"));
        InstanceStoredEvent d = stored(study, s2, uid(), MR_IMAGE, attrs().put("00080060", "CS", "MR"));
        sendAndAwait(a, b, c, d);

        // instance level, wrong store id: a re-STOW raced the delete; the indexed copy survives
        InstanceStoredEvent otherCopyOfA = stored(study, s1, a.sopInstanceUid(), CT_IMAGE, ct("P3"));
        sendAndAwait(deleted(DeletionLevel.INSTANCE, study, s1, a.sopInstanceUid(), List.of(otherCopyOfA)));
        assertEquals(1L, queryLong("SELECT count(*) FROM instance WHERE sop_instance_uid = ?", a.sopInstanceUid()));

        // instance level, right store id
        sendAndAwait(deleted(DeletionLevel.INSTANCE, study, s1, a.sopInstanceUid(), List.of(a)));
        assertEquals(0L, queryLong("SELECT count(*) FROM instance WHERE sop_instance_uid = ?", a.sopInstanceUid()));
        assertEquals(1L, queryLong("SELECT number_of_series_related_instances FROM series WHERE series_instance_uid = ?", s1));
        assertEquals(3L, queryLong("SELECT number_of_study_related_instances FROM study WHERE study_instance_uid = ?", study));

        // a late duplicate of the deleted copy does not resurrect it
        sendAndAwait(a);
        assertEquals(0L, queryLong("SELECT count(*) FROM instance WHERE sop_instance_uid = ?", a.sopInstanceUid()));

        // series level: the series disappears, ModalitiesInStudy follows
        sendAndAwait(deleted(DeletionLevel.SERIES, study, s2, null, List.of(c, d)));
        assertEquals(0L, queryLong("SELECT count(*) FROM series WHERE series_instance_uid = ?", s2));
        assertEquals("{CT}", queryString("SELECT modalities_in_study::text FROM study WHERE study_instance_uid = ?", study));
        assertEquals(1L, queryLong("SELECT number_of_study_related_series FROM study WHERE study_instance_uid = ?", study));

        // study level: everything goes
        sendAndAwait(deleted(DeletionLevel.STUDY, study, null, null, List.of(b)));
        assertEquals(0L, queryLong("SELECT count(*) FROM study WHERE study_instance_uid = ?", study));
        assertEquals(0L, queryLong("SELECT count(*) FROM series WHERE study_instance_uid = ?", study));
        assertEquals(0L, queryLong("SELECT count(*) FROM instance WHERE study_instance_uid = ?", study));
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndDoNotBlockThePartition() {
        String study = uid();
        byte[] garbage = ("not json " + study).getBytes(StandardCharsets.UTF_8);
        RecordMetadata g = send(study, garbage);
        InstanceStoredEvent template = stored(study, uid(), uid(), CT_IMAGE, ct("P4"));
        InstanceStoredEvent badUid = new InstanceStoredEvent(study, "1.2.bad", template.sopInstanceUid(), CT_IMAGE,
                template.transferSyntaxUid(), template.storeId(), template.blobKey(), template.metadataKey(), 10, 1, null,
                null, template.attributes(), template.storedAt());
        RecordMetadata u = send(badUid);
        // PostgreSQL refuses \u0000 in jsonb: singled out by the savepoint path
        InstanceStoredEvent nul = stored(study, uid(), uid(), CT_IMAGE, ct("P4").put("00081030", "LO", "bad\u0000value"));
        RecordMetadata n = send(nul);
        InstanceStoredEvent good = stored(study, uid(), uid(), CT_IMAGE, ct("P4"));
        RecordMetadata ok = send(good);
        awaitIndexed(ok);
        assertEquals(1L, queryLong("SELECT count(*) FROM instance WHERE study_instance_uid = ?", study));
        assertEquals(1L, queryLong("SELECT number_of_study_related_instances FROM study WHERE study_instance_uid = ?", study));

        Map<Long, String> dead = readDeadLetters(List.of(g, u, n));
        assertTrue(dead.containsKey(g.offset()), "garbage dead-lettered: " + dead);
        assertTrue(dead.containsKey(u.offset()), "invalid UID dead-lettered: " + dead);
        assertTrue(dead.containsKey(n.offset()), "refused value dead-lettered: " + dead);
    }

    /** Reads the dead-letter topic until the given origin offsets are found (origin offset → reason). */
    private static Map<Long, String> readDeadLetters(List<RecordMetadata> wanted) {
        Properties props = new Properties();
        props.put("bootstrap.servers", NimbusTestInfrastructure.kafka().bootstrapServers());
        props.put("group.id", "test-dlq-" + uid());
        props.put("auto.offset.reset", "earliest");
        Map<Long, String> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(TOPIC + ".dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !found.keySet().containsAll(wanted.stream().map(RecordMetadata::offset).toList())) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    int partition = Integer.parseInt(new String(r.headers().lastHeader("nimbus-dlq-partition").value()));
                    long offset = Long.parseLong(new String(r.headers().lastHeader("nimbus-dlq-offset").value()));
                    for (RecordMetadata m : wanted) {
                        if (m.partition() == partition && m.offset() == offset) {
                            found.put(offset, new String(r.headers().lastHeader("nimbus-dlq-reason").value()));
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void exactlyOnceAcrossARestartThatReDeliversEverything() throws Exception {
        String study = uid();
        String series = uid();
        List<InstanceStoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(stored(study, series, uid(), CT_IMAGE, ct("P5").put("00200013", "IS", i)));
        }
        double skippedBefore = metric("nimbus_indexer_events_total\\{outcome=\"already_applied\"\\}");
        indexer.stop();
        List<RecordMetadata> sent = new ArrayList<>();
        try {
            for (InstanceStoredEvent e : events) {
                sent.add(send(e));
            }
        } finally {
            indexer.start();
        }
        sent.forEach(QueryTestSupport::awaitIndexed);
        // "crash" right after the database commit, before Kafka learns anything: stop the indexer and
        // rewind the group's Kafka offsets to 0, so Kafka re-delivers every record of the topic
        indexer.stop();
        try {
            rewindConsumerGroup();
        } finally {
            indexer.start();
        }
        InstanceStoredEvent last = stored(study, series, uid(), CT_IMAGE, ct("P5"));
        sendAndAwait(last);
        assertEquals(21L, queryLong("SELECT count(*) FROM instance WHERE study_instance_uid = ?", study));
        assertEquals(21L, queryLong("SELECT number_of_study_related_instances FROM study WHERE study_instance_uid = ?", study));
        assertEquals(21L, queryLong("SELECT number_of_series_related_instances FROM series WHERE series_instance_uid = ?", series));
        // the indexer sought to index_progress, not to the rewound Kafka offsets: nothing was re-delivered
        assertEquals(skippedBefore, metric("nimbus_indexer_events_total\\{outcome=\"already_applied\"\\}"));
        assertEquals(endOffsetsSum(), queryLong("SELECT sum(next_offset) FROM index_progress WHERE topic = ?", TOPIC));
    }

    @Test
    void aReDeliveredBatchIsSkippedByTheOffsetFence() throws Exception {
        String study = uid();
        String series = uid();
        List<RecordMetadata> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send(stored(study, series, uid(), CT_IMAGE, ct("P7"))));
        }
        sent.forEach(QueryTestSupport::awaitIndexed);
        // the same partitions and offsets again, as after a crash between commit and the next poll;
        // the values are NEW events, so anything not fenced by offset would show up as a row
        String otherStudy = uid();
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> batch = new HashMap<>();
        for (RecordMetadata m : sent) {
            InstanceStoredEvent replacement = stored(otherStudy, uid(), uid(), CT_IMAGE, ct("P7"));
            batch.computeIfAbsent(new TopicPartition(TOPIC, m.partition()), tp -> new ArrayList<>())
                    .add(new ConsumerRecord<>(TOPIC, m.partition(), m.offset(), otherStudy.getBytes(),
                            EventCodec.encodeStored(replacement, "/test")));
        }
        IndexBatchService.BatchResult result = batchService.apply(TOPIC, new ConsumerRecords<>(batch), deadLetters -> {
            throw new AssertionError("no dead letters expected");
        });
        assertEquals(5, result.skipped());
        assertEquals(0, result.applied());
        assertEquals(0L, queryLong("SELECT count(*) FROM study WHERE study_instance_uid = ?", otherStudy));
        assertEquals(5L, queryLong("SELECT number_of_study_related_instances FROM study WHERE study_instance_uid = ?", study));
    }

    @Test
    void aBatchThatFailsMidwayIsRolledBackAndRetriedWithoutLossOrDuplicates() {
        String study = uid();
        String series = uid();
        List<InstanceStoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(stored(study, series, uid(), CT_IMAGE, ct("P6").put("00200013", "IS", i)));
        }
        // the study and series upserts of the batch succeed, the instance insert fails
        execute("REVOKE INSERT ON instance FROM nimbus");
        List<RecordMetadata> sent = new ArrayList<>();
        try {
            for (InstanceStoredEvent e : events) {
                sent.add(send(e));
            }
            sleep(1500);
            assertEquals(0L, queryLong("SELECT count(*) FROM study WHERE study_instance_uid = ?", study),
                    "a failed batch leaves nothing behind");
            RecordMetadata firstSent = sent.get(0);
            Long next = queryLong("SELECT next_offset FROM index_progress WHERE topic = ? AND partition = ?",
                    firstSent.topic(), firstSent.partition());
            assertTrue(next == null || next <= firstSent.offset(), "progress did not move past the failing batch");
        } finally {
            execute("GRANT INSERT ON instance TO nimbus");
        }
        sent.forEach(QueryTestSupport::awaitIndexed);
        assertEquals(10L, queryLong("SELECT count(*) FROM instance WHERE study_instance_uid = ?", study));
        assertEquals(10L, queryLong("SELECT number_of_study_related_instances FROM study WHERE study_instance_uid = ?", study));
        assertTrue(metric("nimbus_indexer_failures_total") >= 1);
    }

    @Test
    void theReadOnlyRoleCanReadTheIndexAndTheIndexerIsLive() throws Exception {
        String url = NimbusTestInfrastructure.postgres().jdbcUrl();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "nimbus_reader", "nimbus_reader");
                java.sql.Statement s = c.createStatement()) {
            for (String table : List.of("study", "series", "instance", "index_progress")) {
                s.executeQuery("SELECT count(*) FROM " + table).close();
            }
            org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.executeUpdate("DELETE FROM index_progress WHERE topic = 'x'"));
        }
        // PN wildcard/fuzzy matching has its trigram indexes (pg_trgm is available in zonky PG 14 and Debian PG 15)
        assertEquals(1L, queryLong("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"));
        assertEquals(5L, queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = 'study' AND indexdef LIKE '%gin_trgm_ops%'"));
        try (java.sql.Connection c = QueryTestSupport.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (java.sql.ResultSet rs = s.executeQuery("EXPLAIN SELECT study_instance_uid FROM study "
                    + "WHERE patient_name_words LIKE '% doe%' AND patient_name_norm LIKE '%john%'")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertTrue(plan.toString().contains("trgm_idx"), plan.toString());
        }
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'nimbus-indexer' }.status", org.hamcrest.Matchers.is("UP"));
        // readiness waits for the indexer's first group join, so a restarted stack is not
        // declared ready while a dead consumer still holds the partitions
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'nimbus-indexer-joined' }.status", org.hamcrest.Matchers.is("UP"));
    }

    @Test
    void metricsArePublished() {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("nimbus_indexer_consumer_lag", "nimbus_indexer_batch_size", "nimbus_indexer_batch_apply_seconds",
                "nimbus_indexer_event_lag_seconds")) {
            assertTrue(body.contains(name), name);
        }
        assertFalse(body.contains("nimbus_indexer_consumer_lag -"), "lag is never negative");
    }

    private static double metric(String regex) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + regex + " ([0-9.eE+-]+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void rewindConsumerGroup() throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", NimbusTestInfrastructure.kafka().bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            int partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().size();
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                zero.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets("nimbus-query-indexer", zero).all().get();
        }
    }

    private static long endOffsetsSum() {
        Properties props = new Properties();
        props.put("bootstrap.servers", NimbusTestInfrastructure.kafka().bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(TOPIC).stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
