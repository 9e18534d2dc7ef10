package org.nimbusdicom.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** query-service configuration ({@code nimbus.query.*}). The events topic is the shared key {@code nimbus.events.topic}. */
@ConfigMapping(prefix = "nimbus.query")
public interface QueryConfig {

    /** The asynchronous indexer (Kafka consumer). */
    Indexer indexer();

    /** QIDO-RS. */
    Qido qido();

    /** Index progress long-poll (read-your-writes). */
    Progress progress();

    /** Indexer settings. */
    interface Indexer {

        /** Whether this process runs the indexer (a QIDO-only replica may turn it off). */
        @WithDefault("true")
        boolean enabled();

        /** Kafka consumer group of the indexer. */
        @WithDefault("nimbus-query-indexer")
        String groupId();

        /** Upper bound of records per poll, i.e. per index transaction. */
        @WithDefault("500")
        int maxPollRecords();

        /** How long one poll waits for records. */
        @WithDefault("PT0.1S")
        Duration pollTimeout();

        /** Create the events topic (and its dead-letter topic) at startup when missing. */
        @WithDefault("true")
        boolean createTopic();

        /** Partitions of the events topic when the indexer creates it. */
        @WithDefault("4")
        int topicPartitions();

        /** Replication factor of the topics the indexer creates (3 in production clusters). */
        @WithDefault("1")
        short topicReplicationFactor();

        /** Dead-letter topic for malformed events; default {@code <events topic>.dlq}. */
        Optional<String> dlqTopic();

        /** First delay after a Kafka or PostgreSQL failure; doubles up to {@link #retryMaxBackoff()}. */
        @WithDefault("PT0.2S")
        Duration retryInitialBackoff();

        /** Longest delay between retries after failures. */
        @WithDefault("PT10S")
        Duration retryMaxBackoff();

        /** How long the store ids of deleted instances are remembered (guards against late duplicates). */
        @WithDefault("P7D")
        Duration tombstoneRetention();
    }

    /** QIDO-RS settings. */
    interface Qido {

        /** Results per page when the request has no {@code limit}. */
        @WithDefault("100")
        int defaultLimit();

        /** Largest accepted {@code limit}; larger values are capped to it. */
        @WithDefault("1000")
        int maxLimit();

        /** Largest accepted {@code offset} (deep paging is expensive). */
        @WithDefault("1000000")
        int maxOffset();
    }

    /** Index progress settings. */
    interface Progress {

        /** Longest wait a single {@code /internal/index-progress/wait} call may ask for (larger {@code timeoutMs} is capped). */
        @WithDefault("PT30S")
        Duration maxWait();

        /** How often pending waiters re-read {@code index_progress} (for partitions another replica applies). */
        @WithDefault("PT0.025S")
        Duration dbPollInterval();
    }
}
