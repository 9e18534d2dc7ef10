package org.nimbusdicom.delete.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.event.DeletedInstance;
import org.nimbusdicom.common.event.DeletionLevel;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.event.InstancesDeletedEvent;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.delete.storage.DicomObjectStore;
import org.nimbusdicom.delete.storage.ObjectDeleter;
import org.nimbusdicom.delete.support.EventTopicReader;
import org.nimbusdicom.delete.support.FakeQueryService;
import org.nimbusdicom.delete.support.Fixtures;
import org.nimbusdicom.delete.support.Fixtures.Copy;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cleanup loop against real Kafka and S3, on private topics and consumer groups (the
 * service's own cleanup consumer keeps running on the shared topic meanwhile).
 */
@QuarkusTest
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(FakeQueryService.class)
class CleanupLoopTest {

    @Inject
    CleanupConsumer cleanupConsumer;
    @Inject
    DicomObjectStore store;
    @Inject
    S3Client s3;

    private Fixtures fixtures;
    private String topic;
    private String group;
    private KafkaProducer<String, byte[]> producer;
    private final List<Thread> threads = new ArrayList<>();
    private final List<CleanupLoop> loops = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fixtures = new Fixtures(s3);
        topic = "cleanup-test-" + UUID.randomUUID();
        group = "cleanup-test-group-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1),
                    new NewTopic(topic + ".cleanup-retry", 2, (short) 1),
                    new NewTopic(topic + ".cleanup-dlq", 1, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EventTopicReader.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        loops.forEach(CleanupLoop::stop);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        producer.close(Duration.ofSeconds(2));
    }

    @Test
    void crashMidBatchThenRestartDeletesExactlyTheListedObjects() throws Exception {
        String study = Fixtures.newUid();
        List<Copy> listed = new ArrayList<>();
        List<Copy> unlisted = new ArrayList<>();
        List<InstancesDeletedEvent> events = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            String series = study + "." + s;
            List<Copy> copies = List.of(fixtures.stored(study, series, series + ".1"),
                    fixtures.stored(study, series, series + ".2"));
            listed.addAll(copies);
            // a re-STOW of the first instance: new store id, never listed
            unlisted.add(fixtures.objectsOnly(study, series, series + ".1", StoreId.next()));
            events.add(deletedEvent(DeletionLevel.SERIES, study, series, copies));
        }
        // a forged listing: store id of a listed copy, key of the unlisted re-STOW copy
        Copy victim = unlisted.get(0);
        Copy original = listed.get(0);
        InstancesDeletedEvent forged = new InstancesDeletedEvent(DeletionLevel.INSTANCE, study,
                original.id().seriesInstanceUid(), original.id().sopInstanceUid(),
                List.of(new DeletedInstance(original.id().seriesInstanceUid(), original.id().sopInstanceUid(),
                        original.storeId(), victim.blobKey(), victim.metadataKey())),
                Instant.now().toString());

        produce(study, EventCodec.encodeDeleted(events.get(0), "/test"));
        produce(study, storedEvent(unlisted.get(1)));   // must be ignored
        produce(study, EventCodec.encodeDeleted(forged, "/test"));
        produce(study, EventCodec.encodeDeleted(events.get(1), "/test"));
        produce(study, EventCodec.encodeDeleted(events.get(2), "/test"));
        Set<String> listedKeys = keysOf(listed);
        Set<String> unlistedKeys = keysOf(unlisted);

        // first run: 4 keys per event, batches of 3; the process "dies" in the 4th DeleteObjects call,
        // i.e. in the middle of the second event, after a partial batch of it was deleted
        List<String> requested = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        ObjectDeleter crashing = keys -> {
            if (calls.incrementAndGet() == 4) {
                throw new SimulatedCrash();
            }
            requested.addAll(keys);
            return store.delete(keys);
        };
        AtomicReference<Throwable> died = new AtomicReference<>();
        Thread first = start(loop(crashing, 8), died);
        first.join(30_000);
        assertFalse(first.isAlive(), "the first run died");
        assertInstanceOf(SimulatedCrash.class, died.get());
        Set<String> present = fixtures.keysUnder(BlobKeys.ROOT_PREFIX + study + "/");
        assertTrue(present.containsAll(keysOf(events.get(2).instances(), listed)), "third event not reached yet");
        assertTrue(present.stream().anyMatch(k -> keysOf(events.get(1).instances(), listed).contains(k)),
                "second event only partly done");
        assertTrue(keysOf(events.get(0).instances(), listed).stream().noneMatch(present::contains),
                "first event done before the crash");

        // restart in the same group: redoes from the last committed offset
        ObjectDeleter recording = keys -> {
            requested.addAll(keys);
            return store.delete(keys);
        };
        start(loop(recording, 8), new AtomicReference<>());
        awaitKeys(study, unlistedKeys, Duration.ofSeconds(20));

        assertEquals(unlistedKeys, fixtures.keysUnder(BlobKeys.ROOT_PREFIX + study + "/"),
                "every listed object gone, every unlisted one (re-STOW copies, forged key) still there");
        assertTrue(listedKeys.containsAll(requested), "no DeleteObjects call ever named an unlisted key: "
                + new TreeSet<>(requested).stream().filter(k -> !listedKeys.contains(k)).toList());
        assertTrue(requested.size() >= listedKeys.size());
        awaitCommitted(topic, 5);
    }

    @Test
    void failingDeletionsAreRetriedThenParkedOnTheRetryTopicNeverDropped() throws Exception {
        String study = Fixtures.newUid();
        String series = study + ".1";
        List<Copy> copies = List.of(fixtures.stored(study, series, series + ".1"),
                fixtures.stored(study, series, series + ".2"));
        InstancesDeletedEvent event = deletedEvent(DeletionLevel.SERIES, study, series, copies);
        Copy failing = copies.get(1);
        // S3 refuses the second copy's objects for the first 3 attempts
        AtomicInteger refusals = new AtomicInteger();
        ObjectDeleter flaky = keys -> {
            List<String> refused = keys.stream()
                    .filter(k -> k.equals(failing.blobKey()) || k.equals(failing.metadataKey())).toList();
            if (!refused.isEmpty() && refusals.incrementAndGet() <= 3) {
                List<String> rest = new ArrayList<>(keys);
                rest.removeAll(refused);
                store.delete(rest);
                return refused;
            }
            return store.delete(keys);
        };
        try (EventTopicReader retries = new EventTopicReader(topic + ".cleanup-retry")) {
            produce(study, EventCodec.encodeDeleted(event, "/test"));
            start(loop(flaky, 2), new AtomicReference<>());

            ConsumerRecord<String, byte[]> parked = retries.await(r -> study.equals(r.key()), Duration.ofSeconds(20));
            InstancesDeletedEvent requeued = EventCodec.deletedData(EventCodec.decode(parked.value()));
            assertEquals(DeletionLevel.SERIES, requeued.level());
            assertEquals(study, requeued.studyInstanceUid());
            assertEquals(series, requeued.seriesInstanceUid());
            assertEquals(List.of(event.instances().get(1)), requeued.instances(), "only what still failed");

            awaitKeys(study, Set.of(), Duration.ofSeconds(20));
            assertTrue(refusals.get() >= 4, "retried on the retry topic until S3 accepted");
        }
        awaitCommitted(topic, 1);
    }

    private CleanupLoop loop(ObjectDeleter deleter, int maxAttempts) {
        CleanupSettings settings = new CleanupSettings(topic, topic + ".cleanup-retry", topic + ".cleanup-dlq",
                "/test", 3, Duration.ofMillis(50), Duration.ofMillis(200), maxAttempts);
        CleanupLoop loop = cleanupConsumer.newLoop(group, settings, deleter);
        loops.add(loop);
        return loop;
    }

    private Thread start(CleanupLoop loop, AtomicReference<Throwable> died) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {
                died.set(t);
            }
        }, "cleanup-test");
        threads.add(thread);
        thread.start();
        return thread;
    }

    private void produce(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private void awaitKeys(String study, Set<String> expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> present;
        do {
            present = fixtures.keysUnder(BlobKeys.ROOT_PREFIX + study + "/");
            if (present.equals(expected)) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("objects left " + present + ", expected " + expected);
    }

    /** Waits until the group committed {@code expected} on partition 0 (= everything consumed). */
    private void awaitCommitted(String topic, long expected) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = admin()) {
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
            assertEquals(expected, end);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long committed = -1;
            while (System.nanoTime() < deadline) {
                OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                        .get(tp);
                committed = offset == null ? -1 : offset.offset();
                if (committed == expected) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("committed offset " + committed + ", expected " + expected);
        }
    }

    private static InstancesDeletedEvent deletedEvent(DeletionLevel level, String study, String series,
            List<Copy> copies) {
        return new InstancesDeletedEvent(level, study, series, null, copies.stream()
                .map(c -> new DeletedInstance(c.id().seriesInstanceUid(), c.id().sopInstanceUid(), c.storeId(),
                        c.blobKey(), c.metadataKey()))
                .toList(), Instant.now().toString());
    }

    private static byte[] storedEvent(Copy copy) {
        return EventCodec.encodeStored(new InstanceStoredEvent(copy.id().studyInstanceUid(),
                copy.id().seriesInstanceUid(), copy.id().sopInstanceUid(), "1.2.840.10008.5.1.4.1.1.7",
                "1.2.840.10008.1.2.1", copy.storeId(), copy.blobKey(), copy.metadataKey(), 42, 1, null, List.of(),
                null, Instant.now().toString()), "/test");
    }

    private static Set<String> keysOf(List<Copy> copies) {
        Set<String> keys = new TreeSet<>();
        copies.forEach(c -> {
            keys.add(c.blobKey());
            keys.add(c.metadataKey());
        });
        return keys;
    }

    private static Set<String> keysOf(List<DeletedInstance> instances, List<Copy> universe) {
        Set<String> keys = new TreeSet<>();
        instances.forEach(i -> {
            keys.add(i.blobKey());
            keys.add(i.metadataKey());
        });
        keys.retainAll(keysOf(universe));
        return Collections.unmodifiableSet(keys);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EventTopicReader.bootstrapServers()));
    }

    /** Stands for the process dying: not a RuntimeException, so nothing in the loop handles it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }
}
