package org.nimbusdicom.query.index;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;
import org.nimbusdicom.query.config.QueryConfig;
import org.nimbusdicom.query.progress.IndexProgressRepository;
import org.nimbusdicom.query.progress.IndexProgressService;

/**
 * The indexer: a plain {@link KafkaConsumer} on its own thread (auto-commit off). On partition
 * assignment it seeks to {@code index_progress.next_offset} (the database, not Kafka, is the
 * source of truth for the position); each poll is applied by {@link IndexBatchService} in one
 * transaction together with the new positions. Kafka offsets are also committed afterwards,
 * asynchronously, only so that standard lag tooling sees the group's progress.
 *
 * <p>Failures never lose the position: a failed batch is rolled back and retried, with
 * exponential backoff, from the same in-memory records; a broken consumer is closed and
 * recreated, and then re-seeks from the database.
 */
@ApplicationScoped
public class IndexerConsumer {

    private static final Logger LOG = Logger.getLogger(IndexerConsumer.class);
    private static final Duration TOMBSTONE_PURGE_INTERVAL = Duration.ofHours(1);

    private final QueryConfig.Indexer config;
    private final KafkaClients clients;
    private final TopicProvisioner provisioner;
    private final IndexBatchService batchService;
    private final DeadLetterPublisher deadLetterPublisher;
    private final IndexProgressRepository progressRepository;
    private final IndexProgressService progressService;
    private final IndexRepository indexRepository;
    private final AgroalDataSource dataSource;
    private final IndexerMetrics metrics;
    private final Object sleeper = new Object();

    private volatile boolean running;

    private volatile boolean joinedGroup;
    private volatile Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private long nextPurgeNanos = System.nanoTime();

    public IndexerConsumer(QueryConfig config, KafkaClients clients, TopicProvisioner provisioner,
            IndexBatchService batchService, DeadLetterPublisher deadLetterPublisher,
            IndexProgressRepository progressRepository, IndexProgressService progressService,
            IndexRepository indexRepository, AgroalDataSource dataSource, IndexerMetrics metrics) {
        this.config = config.indexer();
        this.clients = clients;
        this.provisioner = provisioner;
        this.batchService = batchService;
        this.deadLetterPublisher = deadLetterPublisher;
        this.progressRepository = progressRepository;
        this.progressService = progressService;
        this.indexRepository = indexRepository;
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        } else {
            LOG.info("indexer disabled (nimbus.query.indexer.enabled=false)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the indexer thread (no-op when running). */
    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        running = true;
        Thread t = new Thread(this::run, "nimbus-indexer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Stops the indexer: the batch in progress finishes (commit or rollback), then the consumer
     * closes. Waits for the thread to end.
     */
    public synchronized void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    /**
     * True once the consumer has joined its group and received an assignment (possibly empty)
     * since this process started. Until then STOWs would wait for an index that nobody applies.
     */
    public boolean hasJoinedGroup() {
        return joinedGroup;
    }

    /** True while the indexer thread runs. */
    public boolean isRunning() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    private void run() {
        Backoff backoff = new Backoff();
        if (config.createTopic()) {
            while (running) {
                try {
                    provisioner.ensureTopics();
                    break;
                } catch (Exception e) {
                    LOG.warnf("cannot ensure Kafka topics (%s); retrying", e.getMessage());
                    backoff.sleep();
                }
            }
        }
        backoff.reset();
        while (running) {
            Map<String, Object> props = clients.base();
            props.put("group.id", config.groupId());
            props.put("enable.auto.commit", "false");
            props.put("auto.offset.reset", "earliest");
            props.put("isolation.level", "read_committed");
            props.put("max.poll.records", config.maxPollRecords());
            props.put("client.id", "nimbus-query-indexer");
            // A consumer that died without leaving the group (kill -9, OOM) holds its partitions
            // until the session times out: Kafka's default 45 s means 45 s without indexing after
            // a crash-restart. 10 s (the broker's minimum is 6 s) bounds that window.
            props.put("session.timeout.ms", 10_000);
            props.put("heartbeat.interval.ms", 3_000);
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (!running) {
                    break;
                }
                c.subscribe(List.of(clients.topic()), new SeekToIndexProgress(c));
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(config.pollTimeout());
                    updateLag(c);
                    if (!records.isEmpty()) {
                        Map<TopicPartition, Long> next = applyWithRetry(records, backoff);
                        if (next == null) {
                            break; // stopping
                        }
                        commitToKafka(c, next);
                    }
                    backoff.reset();
                    purgeTombstonesWhenDue();
                }
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (Exception e) {
                metrics.failure();
                LOG.warnf(e, "indexer consumer failed; recreating it");
                backoff.sleep();
            } finally {
                consumer = null;
            }
        }
        LOG.debug("indexer stopped");
    }

    /** Applies the batch, retrying until it commits; null when the indexer stops first. */
    private Map<TopicPartition, Long> applyWithRetry(ConsumerRecords<byte[], byte[]> records, Backoff backoff) {
        while (running) {
            long start = System.nanoTime();
            try {
                IndexBatchService.BatchResult result = batchService.apply(clients.topic(), records, deadLetterPublisher::publish);
                metrics.batch(result, records.count(), System.nanoTime() - start);
                for (Map.Entry<TopicPartition, Long> e : result.nextOffsets().entrySet()) {
                    progressService.applied(e.getKey().topic(), e.getKey().partition(), e.getValue());
                }
                return result.nextOffsets();
            } catch (Exception e) {
                metrics.failure();
                LOG.warnf("applying a batch of %d records failed (%s); it will be retried", records.count(), e.toString());
                backoff.sleep();
            }
        }
        return null;
    }

    private void commitToKafka(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> next) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        c.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                LOG.debugf("Kafka offset commit failed (informational only): %s", error.getMessage());
            }
        });
    }

    private void updateLag(KafkaConsumer<byte[], byte[]> c) {
        long total = 0;
        for (TopicPartition tp : c.assignment()) {
            OptionalLong lag = c.currentLag(tp);
            if (lag.isPresent()) {
                total += lag.getAsLong();
            }
        }
        metrics.lag(total);
    }

    private void purgeTombstonesWhenDue() {
        if (System.nanoTime() - nextPurgeNanos < 0) {
            return;
        }
        nextPurgeNanos = System.nanoTime() + TOMBSTONE_PURGE_INTERVAL.toNanos();
        try (Connection c = dataSource.getConnection()) {
            int purged = indexRepository.purgeTombstones(c, config.tombstoneRetention());
            if (purged > 0) {
                LOG.debugf("purged %d tombstones", purged);
            }
        } catch (Exception e) {
            LOG.debugf("tombstone purge failed: %s", e.getMessage());
        }
    }

    /** Seeks newly assigned partitions to the position stored in the index. */
    private final class SeekToIndexProgress implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> c;

        SeekToIndexProgress(KafkaConsumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                seekToIndexProgress(partitions);
            } finally {
                // also for an empty assignment: a replica with no partitions is still ready
                joinedGroup = true;
            }
        }

        private void seekToIndexProgress(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Backoff backoff = new Backoff();
            while (running) {
                try {
                    Map<Integer, Long> stored = progressRepository.nextOffsets(clients.topic());
                    for (TopicPartition tp : partitions) {
                        Long next = stored.get(tp.partition());
                        if (next == null) {
                            c.seekToBeginning(List.of(tp));
                        } else {
                            c.seek(tp, next);
                        }
                    }
                    LOG.infof("indexer assigned %s; positions from index_progress %s", partitions, stored);
                    return;
                } catch (Exception e) {
                    LOG.warnf("cannot read index_progress on assignment (%s); retrying", e.getMessage());
                    backoff.sleep();
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing pending: every applied batch is committed with its positions
        }
    }

    /** Exponential backoff between retries, interruptible by {@link #stop()}. */
    private final class Backoff {

        private long delayMillis = config.retryInitialBackoff().toMillis();

        void reset() {
            delayMillis = config.retryInitialBackoff().toMillis();
        }

        void sleep() {
            synchronized (sleeper) {
                if (running) {
                    try {
                        sleeper.wait(Math.max(1, delayMillis));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        running = false;
                    }
                }
            }
            delayMillis = Math.min(delayMillis * 2, config.retryMaxBackoff().toMillis());
        }
    }
}
