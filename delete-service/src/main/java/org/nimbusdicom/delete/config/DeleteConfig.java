package org.nimbusdicom.delete.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Configuration of delete-service ({@code nimbus.delete.*}). The shared keys
 * ({@code nimbus.events.topic}, {@code nimbus.s3.bucket}, {@code nimbus.query-service.url}) are
 * read where they are used, with {@code @ConfigProperty}, because they belong to no single service.
 */
@ConfigMapping(prefix = "nimbus.delete")
public interface DeleteConfig {

    /** Producing the deleted events. */
    Events events();

    /** Waiting for the indexer after producing (read-your-writes). */
    IndexWait indexWait();

    /** Read-only access to the index. */
    Index index();

    /** The storage cleanup consumer. */
    Cleanup cleanup();

    /** The orphan sweeper. */
    Sweeper sweeper();

    /** Producer and topic settings. */
    interface Events {

        /** CloudEvents {@code source} attribute of the events this service produces. */
        @WithDefault("/nimbus/delete-service")
        String source();

        /** Partitions of the events topic when this service creates it at startup. */
        @WithDefault("4")
        int topicPartitions();

        /** Replication factor of topics created at startup; -1 = the broker's default. */
        @WithDefault("-1")
        short topicReplicationFactor();

        /**
         * Longest time a DELETE waits for Kafka to acknowledge its event (bounds
         * {@code max.block.ms} and {@code delivery.timeout.ms}); beyond it the answer is 503.
         */
        @WithDefault("5s")
        Duration sendTimeout();

        /**
         * Largest uncompressed event the producer accepts ({@code max.request.size}); events are
         * lz4-compressed, so the broker's {@code message.max.bytes} applies to a much smaller size.
         */
        @WithDefault("16777216")
        int maxEventBytes();

        /**
         * Most instances listed in one deleted event. A larger study or series is deleted with
         * several events of the same key (so the same partition, in order); the request waits for
         * the last one. Keeps every event far below the broker's message size limit.
         */
        @WithDefault("1000")
        int maxInstancesPerEvent();

        /** Seconds clients are told to wait ({@code Retry-After}) when Kafka or PostgreSQL is down. */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    /** Read-your-writes wait on query-service's index progress. */
    interface IndexWait {

        /** Whether to wait at all (false: always answer with the "index not yet updated" warning). */
        @WithDefault("true")
        boolean enabled();

        /** Longest time to wait for the indexer to apply the event. */
        @WithDefault("5s")
        Duration timeout();
    }

    /** The index (PostgreSQL, owned by query-service). */
    interface Index {

        /** Statement timeout of the read-only index queries. */
        @WithDefault("5s")
        Duration queryTimeout();

        /** Store ids looked up per query by the sweeper. */
        @WithDefault("500")
        int lookupBatchSize();
    }

    /** Storage cleanup consumer. */
    interface Cleanup {

        /** Whether the cleanup consumer runs in this process. */
        @WithDefault("true")
        boolean enabled();

        /** Consumer group of the cleanup consumer (its own, independent of the indexer). */
        @WithDefault("nimbus-delete-cleanup")
        String groupId();

        /** Keys per S3 DeleteObjects call (S3 allows at most 1000). */
        @WithDefault("1000")
        int batchSize();

        /** Records fetched per poll. */
        @WithDefault("100")
        int maxPollRecords();

        /** First backoff after a failed deletion of a record; doubles on every further failure. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Upper bound of the backoff. */
        @WithDefault("60s")
        Duration maxBackoff();

        /**
         * Attempts on a record of the events topic before its still-failing objects are parked
         * on the retry topic ({@code <topic>.cleanup-retry}) so the partition can move on.
         * Records of the retry topic are retried forever (with {@link #maxBackoff()}).
         */
        @WithDefault("8")
        int maxAttempts();
    }

    /** Orphan sweeper. */
    interface Sweeper {

        /** Whether the scheduled sweep runs. */
        @WithDefault("true")
        boolean enabled();

        /** Interval between sweeps (a Quarkus scheduler duration, e.g. {@code 1h}). */
        @WithDefault("1h")
        String interval();

        /** Delay of the first sweep after startup (a Quarkus scheduler duration). */
        @WithDefault("5m")
        String initialDelay();

        /**
         * Minimum age of an unreferenced object before it is deleted; both its store id time and
         * its S3 LastModified must be older. Must exceed the longest STOW plus indexing delay.
         */
        @WithDefault("24h")
        Duration gracePeriod();

        /** Keys listed per ListObjectsV2 page (at most 1000). */
        @WithDefault("1000")
        int pageSize();
    }
}
