package org.nimbusdicom.store.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The store-service's own configuration ({@code nimbus.store.*}). Shared keys
 * ({@code nimbus.events.topic}, {@code nimbus.s3.bucket}, {@code nimbus.query-service.url},
 * {@code nimbus.public-base-url}) are read where they are used.
 */
@ConfigMapping(prefix = "nimbus.store")
public interface StoreConfig {

    /**
     * Largest accepted body part (one Part 10 instance). A larger part fails the request with 413.
     * The whole body is bounded by {@code quarkus.http.limits.max-body-size}.
     */
    @WithDefault("2G")
    MemorySize maxPartSize();

    /** Directory for the per-part staging files; default: {@code java.io.tmpdir}. */
    Optional<String> stagingDirectory();

    /** Seconds announced in {@code Retry-After} when Kafka, S3 or PostgreSQL is unavailable. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** CloudEvents {@code source} attribute of the events this service produces. */
    @WithDefault("/nimbus/store-service")
    String eventSource();

    /** Blob upload settings. */
    Upload upload();

    /** Kafka producer settings. */
    Kafka kafka();

    /** Read-your-writes wait on the query-service indexer. */
    IndexWait indexWait();

    /** Blob upload settings. */
    interface Upload {
        /** Blobs larger than this are sent with an S3 multipart upload. */
        @WithDefault("16M")
        MemorySize multipartThreshold();

        /** Part size of multipart uploads (S3 minimum: 5 MiB). */
        @WithDefault("16M")
        MemorySize partSize();
    }

    /** Kafka producer settings (bounded, so a down broker yields a 503 within seconds). */
    interface Kafka {
        /** Bootstrap servers of the producer; default: the shared {@code kafka.bootstrap.servers}. */
        Optional<String> bootstrapServers();

        /** Upper bound on a send, including retries ({@code delivery.timeout.ms}). */
        @WithDefault("8s")
        Duration deliveryTimeout();

        /** Timeout of one produce request ({@code request.timeout.ms}). */
        @WithDefault("3s")
        Duration requestTimeout();

        /** How long a send may block waiting for metadata or buffer space ({@code max.block.ms}). */
        @WithDefault("1s")
        Duration maxBlock();

        /**
         * How long a STOW waits for the broker's acknowledgement of a record already handed to the
         * producer before it answers 503. Shorter than {@link #deliveryTimeout()} on purpose: a
         * broker that just died is not noticed by the producer (its metadata is cached) and the
         * record would wait the whole delivery timeout. The record may still be delivered after
         * the 503; see {@code EventOutcomeUnknownException}.
         */
        @WithDefault("1200ms")
        Duration ackTimeout();

        /** Partitions of the events topic when this service creates it. */
        @WithDefault("4")
        int topicPartitions();

        /** Replication factor of the events topic when this service creates it (-1: broker default). */
        @WithDefault("-1")
        short topicReplicationFactor();

        /** Whether to create the events topic at startup when it is missing. */
        @WithDefault("true")
        boolean createTopic();
    }

    /** Read-your-writes wait on the query-service indexer. */
    interface IndexWait {
        /** Whether to wait at all (off: answer as soon as blob and event are durable, with the Warning header). */
        @WithDefault("true")
        boolean enabled();

        /** Upper bound on the wait per request. */
        @WithDefault("5s")
        Duration timeout();
    }
}
