package org.nimbusdicom.retrieve.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicTailTest {

    private static final String TOPIC = "events";

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("latest");
    private final List<String> received = new CopyOnWriteArrayList<>();

    @Test
    void followsEveryPartitionFromReplayBeforeItsEnd() throws Exception {
        partitions(2);
        offsets(Map.of(0, 0L, 1, 0L), Map.of(0, 10L, 1, 3L));
        TopicTail tail = new TopicTail(consumer, TOPIC, 5, v -> received.add(new String(v, StandardCharsets.UTF_8)),
                Duration.ofMinutes(1));
        Thread thread = start(tail);
        awaitAssigned(tail, 2);
        // partition 0 starts 5 before its end; partition 1 has fewer than 5, so from its beginning
        assertEquals(5L, consumer.position(new TopicPartition(TOPIC, 0)));
        assertEquals(0L, consumer.position(new TopicPartition(TOPIC, 1)));
        for (long offset = 5; offset < 10; offset++) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "k", ("p0-" + offset).getBytes(StandardCharsets.UTF_8)));
        }
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 0, "k", "p1-0".getBytes(StandardCharsets.UTF_8)));
        awaitReceived(6);
        assertTrue(received.containsAll(List.of("p0-5", "p0-9", "p1-0")), received.toString());
        tail.stop();
        thread.join(5_000);
        assertFalse(thread.isAlive());
        assertTrue(consumer.closed());
    }

    @Test
    void withoutReplayOnlyNewEventsAreRead() throws Exception {
        partitions(1);
        offsets(Map.of(0, 2L), Map.of(0, 40L));
        TopicTail tail = new TopicTail(consumer, TOPIC, 0, v -> received.add("x"), Duration.ofMinutes(1));
        Thread thread = start(tail);
        awaitAssigned(tail, 1);
        assertEquals(40L, consumer.position(new TopicPartition(TOPIC, 0)));
        tail.stop();
        thread.join(5_000);
    }

    @Test
    void partitionsAddedLaterAreFollowedAtTheNextRefresh() throws Exception {
        partitions(1);
        offsets(Map.of(0, 0L, 1, 0L), Map.of(0, 0L, 1, 2L));
        TopicTail tail = new TopicTail(consumer, TOPIC, 100, v -> received.add(new String(v, StandardCharsets.UTF_8)),
                Duration.ofMillis(50));
        Thread thread = start(tail);
        awaitAssigned(tail, 1);
        partitions(2);
        awaitAssigned(tail, 2);
        assertEquals(Set.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)), consumer.assignment());
        tail.stop();
        thread.join(5_000);
    }

    private void partitions(int count) {
        List<PartitionInfo> infos = new java.util.ArrayList<>();
        for (int p = 0; p < count; p++) {
            infos.add(new PartitionInfo(TOPIC, p, Node.noNode(), new Node[0], new Node[0]));
        }
        consumer.updatePartitions(TOPIC, infos);
    }

    private void offsets(Map<Integer, Long> beginnings, Map<Integer, Long> ends) {
        Map<TopicPartition, Long> b = new HashMap<>();
        Map<TopicPartition, Long> e = new HashMap<>();
        beginnings.forEach((p, o) -> b.put(new TopicPartition(TOPIC, p), o));
        ends.forEach((p, o) -> e.put(new TopicPartition(TOPIC, p), o));
        consumer.updateBeginningOffsets(b);
        consumer.updateEndOffsets(e);
    }

    private static Thread start(TopicTail tail) {
        Thread thread = new Thread(tail, "tail-test");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitAssigned(TopicTail tail, int partitions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tail.assigned().size() < partitions && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(partitions, tail.assigned().size());
    }

    private void awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, received.size(), received.toString());
    }
}
