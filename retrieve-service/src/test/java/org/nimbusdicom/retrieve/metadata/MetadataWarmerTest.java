package org.nimbusdicom.retrieve.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.ResourceNotFoundException;
import org.nimbusdicom.common.event.DeletedInstance;
import org.nimbusdicom.common.event.DeletionLevel;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.event.InstancesDeletedEvent;

class MetadataWarmerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MetadataCache cache = new MetadataCache(1 << 20, 1 << 16);
    private final Map<String, byte[]> s3 = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    private MetadataWarmer warmer(int concurrency) {
        return new MetadataWarmer(cache, key -> {
            reads.incrementAndGet();
            byte[] value = s3.get(key);
            if (value == null) {
                throw new ResourceNotFoundException("stored object is missing: " + key);
            }
            return value;
        }, command -> new Thread(command).start(), concurrency, registry);
    }

    @Test
    void aStoredEventReadsTheMetadataObjectIntoTheCache() throws Exception {
        s3.put("k1.json", bytes("{\"a\":1}"));
        MetadataWarmer warmer = warmer(2);
        warmer.accept(stored("k1.json"));
        warmer.awaitIdle();
        assertArrayEquals(bytes("{\"a\":1}"), cache.get("k1.json"));
        assertEquals(1.0, outcome("warmed"));
    }

    @Test
    void anObjectAlreadyCachedIsNotReadAgain() throws Exception {
        cache.put("k1.json", bytes("{}"));
        MetadataWarmer warmer = warmer(2);
        warmer.accept(stored("k1.json"));
        warmer.awaitIdle();
        assertEquals(0, reads.get());
        assertEquals(1.0, outcome("present"));
    }

    @Test
    void anObjectDeletedBeforeTheReadIsSkipped() throws Exception {
        MetadataWarmer warmer = warmer(2);
        warmer.accept(stored("gone.json"));
        warmer.awaitIdle();
        assertNull(cache.get("gone.json"));
        assertEquals(1.0, outcome("missing"));
    }

    @Test
    void aDeletedEventDropsTheListedObjects() throws Exception {
        cache.put("k1.json", bytes("{\"a\":1}"));
        cache.put("k2.json", bytes("{\"b\":2}"));
        cache.put("other.json", bytes("{}"));
        MetadataWarmer warmer = warmer(2);
        warmer.accept(EventCodec.encodeDeleted(new InstancesDeletedEvent(DeletionLevel.SERIES, "1.2", "1.2.3", null,
                List.of(new DeletedInstance("1.2.3", "1.2.3.1", "s1", "k1.dcm", "k1.json"),
                        new DeletedInstance("1.2.3", "1.2.3.2", "s2", "k2.dcm", "k2.json")),
                "2026-11-25T00:00:00Z"), "test"));
        assertNull(cache.get("k1.json"));
        assertNull(cache.get("k2.json"));
        assertEquals(2, cache.size());
        assertEquals(2.0, outcome("evicted"));
    }

    @Test
    void malformedAndForeignEventsAreIgnored() throws Exception {
        MetadataWarmer warmer = warmer(2);
        warmer.accept(bytes("not json"));
        warmer.accept(bytes("{\"specversion\":\"1.0\",\"type\":\"com.example.other.v1\",\"data\":{}}"));
        warmer.awaitIdle();
        assertEquals(0, reads.get());
        assertEquals(0, cache.size());
    }

    @Test
    void atMostConcurrencyReadsRunAndTheCallerWaitsForASlot() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        MetadataWarmer warmer = new MetadataWarmer(cache, key -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return bytes("{}");
        }, command -> new Thread(command).start(), 2, registry);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < 3; i++) {
                    warmer.accept(stored("k" + i + ".json"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (producer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(Thread.State.WAITING, producer.getState(), "the third event waits for a free slot");
        assertEquals(2, running.get());
        release.countDown();
        producer.join(5_000);
        warmer.awaitIdle();
        assertEquals(2, maxRunning.get());
        assertEquals(3.0, outcome("warmed"));
        assertTrue(cache.get("k2.json") != null);
    }

    private double outcome(String outcome) {
        return registry.get("nimbus.retrieve.metadata.cache.warming").tag("outcome", outcome).counter().count();
    }

    private static byte[] stored(String metadataKey) {
        return EventCodec.encodeStored(new InstanceStoredEvent("1.2", "1.2.3", "1.2.3.4", "1.2.840.10008.5.1.4.1.1.2",
                "1.2.840.10008.1.2.1", "s1", "k.dcm", metadataKey, 10, null, null, null, null, "2026-11-25T00:00:00Z"),
                "test");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
