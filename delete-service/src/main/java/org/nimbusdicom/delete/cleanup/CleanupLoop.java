package org.nimbusdicom.delete.cleanup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.event.CloudEvent;
import org.nimbusdicom.common.event.DeletedInstance;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.InstancesDeletedEvent;
import org.nimbusdicom.common.event.MalformedEventException;
import org.nimbusdicom.common.event.MetadataKeys;
import org.nimbusdicom.delete.storage.ObjectDeleter;

/**
 * The storage cleanup: consumes the events topic (and the cleanup retry topic) and deletes
 * exactly the objects every deleted event lists.
 *
 * <p>Guarantees:
 * <ul>
 * <li>At-least-once: the offset of a record is committed only after all its objects were
 * deleted (or parked on the retry topic, acknowledged by Kafka). A crash redoes the records
 * after the last commit; deleting an already deleted key succeeds, so redoing is harmless.</li>
 * <li>Never dropped: when deletions fail, the partition is paused, rewound to the failing record
 * and retried with exponential backoff (other partitions go on). After
 * {@code maxAttempts} on the events topic the objects still failing are parked on the retry
 * topic as a deleted event listing only them, and the partition moves on; records of the retry
 * topic are retried forever (backoff capped).</li>
 * <li>Exact: only keys that match the layout for the listed UIDs and store id are deleted
 * ({@link ListedObjects}); {@code instance.stored} and unknown types are ignored.</li>
 * </ul>
 * Not thread-safe: {@link #run()} owns the consumer; {@link #stop()} may be called from any thread.
 */
public class CleanupLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(CleanupLoop.class);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final Consumer<String, byte[]> consumer;
    private final ObjectDeleter deleter;
    private final RecordSender sender;
    private final CleanupMetrics metrics;
    private final CleanupSettings settings;

    /** Per partition with a failing record: attempts so far, and when to resume. */
    private final Map<TopicPartition, Retry> retries = new HashMap<>();
    /** Keys of the failing record at the head of a partition that still remain to delete. */
    private final Map<TopicPartition, Remaining> remaining = new HashMap<>();
    private volatile boolean running = true;

    public CleanupLoop(Consumer<String, byte[]> consumer, ObjectDeleter deleter, RecordSender sender,
            CleanupMetrics metrics, CleanupSettings settings) {
        this.consumer = consumer;
        this.deleter = deleter;
        this.sender = sender;
        this.metrics = metrics;
        this.settings = settings;
    }

    /** Asks the loop to finish its current record and close the consumer. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(settings.eventsTopic(), settings.retryTopic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    forget(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // positions come from the committed offsets: nothing to restore
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    forget(partitions);
                }
            });
            while (running) {
                resumeDue();
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (TopicPartition partition : records.partitions()) {
                    processPartition(partition, records.records(partition), done);
                }
                commit(done);
                updateLag();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            // no commit here: whatever was not committed is redone by the next owner
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void processPartition(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> done) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!running) {
                return;
            }
            if (process(partition, record)) {
                retries.remove(partition);
                remaining.remove(partition);
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            } else {
                // rewind to the failing record and hold the partition back until its backoff ends
                consumer.seek(partition, record.offset());
                consumer.pause(List.of(partition));
                return;
            }
        }
    }

    /** True when the record is finished with (its offset may be committed). */
    private boolean process(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent;
        InstancesDeletedEvent event;
        try {
            // most records are instance.stored: recognise them without decoding their attributes
            if (EventCodec.metadataKeys(record.value()).kind() == MetadataKeys.Kind.STORED) {
                return true;
            }
            cloudEvent = EventCodec.decode(record.value());
            if (!EventCodec.isDeleted(cloudEvent)) {
                return true; // instance.stored and types this version does not know
            }
            event = EventCodec.deletedData(cloudEvent);
        } catch (MalformedEventException e) {
            return deadLetter(partition, record, e);
        }
        Remaining state = remaining.get(partition);
        List<String> keys = state != null && state.offset == record.offset() ? state.keys : ListedObjects.keysOf(event);
        List<String> failed = deleteInBatches(keys);
        if (failed.isEmpty()) {
            LOG.debugf("cleanup removed %d object(s) of %s %s", keys.size(), cloudEvent.type(), cloudEvent.subject());
            return true;
        }
        remaining.put(partition, new Remaining(record.offset(), failed));
        Retry retry = retries.merge(partition, new Retry(1, 0), (old, one) -> new Retry(old.attempts + 1, 0));
        boolean mayPark = partition.topic().equals(settings.eventsTopic()) && retry.attempts >= settings.maxAttempts();
        if (mayPark && park(record, event, failed)) {
            return true;
        }
        long backoff = backoffMillis(retry.attempts);
        retries.put(partition, new Retry(retry.attempts, System.currentTimeMillis() + backoff));
        LOG.warnf("cleanup of %s %s: %d object(s) failed (attempt %d); retrying %s in %d ms", cloudEvent.type(),
                cloudEvent.subject(), failed.size(), retry.attempts, partition, backoff);
        return false;
    }

    private List<String> deleteInBatches(List<String> keys) {
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += settings.batchSize()) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + settings.batchSize()));
            List<String> batchFailed;
            try {
                batchFailed = deleter.delete(List.copyOf(batch));
            } catch (RuntimeException e) {
                LOG.warnf("S3 DeleteObjects of %d key(s) failed: %s", batch.size(), e.toString());
                batchFailed = batch;
            }
            metrics.deleted(batch.size() - batchFailed.size());
            metrics.failed(batchFailed.size());
            failed.addAll(batchFailed);
        }
        return failed;
    }

    /** Re-queues the still-failing objects as a deleted event on the retry topic. */
    private boolean park(ConsumerRecord<String, byte[]> record, InstancesDeletedEvent event, List<String> failed) {
        Set<String> failing = new HashSet<>(failed);
        List<DeletedInstance> left = event.instances().stream()
                .filter(i -> failing.contains(i.blobKey()) || failing.contains(i.metadataKey()))
                .toList();
        InstancesDeletedEvent parked = new InstancesDeletedEvent(event.level(), event.studyInstanceUid(),
                event.seriesInstanceUid(), event.sopInstanceUid(), left, event.deletedAt());
        try {
            sender.send(settings.retryTopic(), record.key(), EventCodec.encodeDeleted(parked, settings.source()));
            metrics.parked();
            LOG.warnf("cleanup parked %d object(s) of %s on %s after %d attempts", failed.size(),
                    event.studyInstanceUid(), settings.retryTopic(), settings.maxAttempts());
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("cannot park on %s (%s); keeping the partition paused", settings.retryTopic(), e.toString());
            return false;
        }
    }

    private boolean deadLetter(TopicPartition partition, ConsumerRecord<String, byte[]> record, RuntimeException cause) {
        try {
            sender.send(settings.deadLetterTopic(), record.key(), record.value());
            metrics.deadLettered();
            LOG.errorf("record %s@%d is not a CloudEvent (%s); sent to %s", partition, record.offset(),
                    cause.getMessage(), settings.deadLetterTopic());
            return true;
        } catch (RuntimeException e) {
            Retry retry = retries.merge(partition, new Retry(1, 0), (old, one) -> new Retry(old.attempts + 1, 0));
            retries.put(partition, new Retry(retry.attempts, System.currentTimeMillis() + backoffMillis(retry.attempts)));
            return false;
        }
    }

    private long backoffMillis(int attempts) {
        long initial = Math.max(1, settings.initialBackoff().toMillis());
        long max = Math.max(initial, settings.maxBackoff().toMillis());
        int shift = Math.min(30, Math.max(0, attempts - 1));
        return Math.min(max, initial << shift);
    }

    private void resumeDue() {
        if (retries.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> due = new ArrayList<>();
        for (Map.Entry<TopicPartition, Retry> entry : retries.entrySet()) {
            if (entry.getValue().resumeAt <= now && paused.contains(entry.getKey())) {
                due.add(entry.getKey());
            }
        }
        if (!due.isEmpty()) {
            consumer.resume(due);
        }
    }

    private Duration pollTimeout() {
        long now = System.currentTimeMillis();
        long wait = MAX_POLL.toMillis();
        for (Retry retry : retries.values()) {
            wait = Math.min(wait, Math.max(10, retry.resumeAt - now));
        }
        return Duration.ofMillis(wait);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done);
        } catch (WakeupException e) {
            // stopping: retry the commit once so finished work is not redone needlessly
            consumer.commitSync(done);
            throw e;
        } catch (RuntimeException e) {
            // e.g. a rebalance took the partition: the new owner redoes these records (idempotent)
            LOG.warnf("cannot commit cleanup offsets %s: %s", done, e.toString());
        }
    }

    private void updateLag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        metrics.lag(lag);
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            retries.remove(p);
            remaining.remove(p);
        });
    }

    private record Retry(int attempts, long resumeAt) {
    }

    private record Remaining(long offset, List<String> keys) {
    }
}
