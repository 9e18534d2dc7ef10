package org.nimbusdicom.retrieve.event;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Follows every partition of a topic without a consumer group (each replica of retrieve-service
 * needs every event, and nothing is committed): assigns all partitions, starts each one
 * {@code replay} records before its end, and hands every record value to the sink. Partitions
 * added later are picked up at the next refresh. Kafka being down only delays it: the loop keeps
 * retrying until {@link #stop()}.
 *
 * <p>Not thread-safe: {@link #run()} owns the consumer; {@link #stop()} may be called from any thread.
 */
public class TopicTail implements Runnable {

    /** Receives record values in partition order. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] value) throws InterruptedException;
    }

    private static final Logger LOG = Logger.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<?, byte[]> consumer;
    private final String topic;
    private final long replay;
    private final Sink sink;
    private final Duration refreshEvery;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean running = true;
    private long nextRefreshNanos;
    private boolean warnedUnavailable;

    public TopicTail(Consumer<?, byte[]> consumer, String topic, long replay, Sink sink, Duration refreshEvery) {
        this.consumer = consumer;
        this.topic = topic;
        this.replay = Math.max(0, replay);
        this.sink = sink;
        this.refreshEvery = refreshEvery;
    }

    /** Asks the loop to stop and close the consumer. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** The partitions followed so far. */
    public synchronized Set<TopicPartition> assigned() {
        return Set.copyOf(assigned);
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    refreshAssignment();
                    if (assigned.isEmpty()) {
                        sleep(POLL);
                        continue;
                    }
                    for (ConsumerRecord<?, byte[]> record : consumer.poll(POLL)) {
                        if (record.value() != null) {
                            sink.accept(record.value());
                        }
                    }
                } catch (WakeupException | InterruptException e) {
                    // stop() or shutdown: the loop condition decides
                } catch (KafkaException e) {
                    if (!warnedUnavailable) {
                        LOG.warnf("metadata cache warming waits for Kafka: %s", e.getMessage());
                        warnedUnavailable = true;
                    }
                    sleep(POLL);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Assigns newly seen partitions (all of them the first time), positioned {@code replay} before the end. */
    private void refreshAssignment() {
        long now = System.nanoTime();
        if (!assigned.isEmpty() && now - nextRefreshNanos < 0) {
            return;
        }
        nextRefreshNanos = now + refreshEvery.toNanos();
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            return;
        }
        Set<TopicPartition> added = new HashSet<>();
        for (PartitionInfo info : partitions) {
            TopicPartition tp = new TopicPartition(info.topic(), info.partition());
            if (!assigned.contains(tp)) {
                added.add(tp);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        Set<TopicPartition> all = new HashSet<>(assigned);
        all.addAll(added);
        consumer.assign(all);
        Map<TopicPartition, Long> ends = consumer.endOffsets(added, METADATA_TIMEOUT);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(added, METADATA_TIMEOUT);
        for (TopicPartition tp : added) {
            long end = ends.getOrDefault(tp, 0L);
            long beginning = beginnings.getOrDefault(tp, 0L);
            consumer.seek(tp, Math.max(beginning, end - replay));
        }
        synchronized (this) {
            assigned.addAll(added);
        }
        if (warnedUnavailable) {
            LOG.infof("metadata cache warming follows %s again", topic);
            warnedUnavailable = false;
        }
        LOG.debugf("metadata cache warming follows %s (%d partitions, replaying up to %d events each)", topic,
                all.size(), replay);
    }

    private void sleep(Duration duration) throws InterruptedException {
        if (running) {
            Thread.sleep(duration.toMillis());
        }
    }
}
