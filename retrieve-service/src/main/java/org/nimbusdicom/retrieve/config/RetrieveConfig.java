package org.nimbusdicom.retrieve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The retrieve-service's own settings ({@code nimbus.retrieve.*}). */
@ConfigMapping(prefix = "nimbus.retrieve")
public interface RetrieveConfig {

    /** How many S3 reads run ahead of the part being written, per concern. */
    Prefetch prefetch();

    /** S3 access. */
    Storage storage();

    /** Index (PostgreSQL) access. */
    Index index();

    /** Request limits. */
    Limits limits();

    /** In-memory cache of metadata objects (immutable: their keys embed the store id). */
    MetadataCache metadataCache();

    /** Seconds announced in {@code Retry-After} when S3 or PostgreSQL is unavailable. */
    @WithDefault("5")
    int retryAfterSeconds();

    interface Prefetch {

        /**
         * Instance blobs opened ahead of the one being streamed (study/series retrieve), so the
         * next GET's round trip overlaps with the current copy. Each open stream holds one pooled
         * S3 connection but no body bytes in the heap.
         */
        @WithDefault("3")
        int instances();

        /**
         * Metadata objects fetched concurrently for series/study metadata. They are small (DICOM
         * JSON without bulk data) and read whole, so this bounds both memory and concurrency.
         */
        @WithDefault("48")
        int metadata();

        /** Frame/bulk data ranged reads opened ahead of the part being written. */
        @WithDefault("4")
        int frames();
    }

    interface Storage {

        /** Threads that open S3 streams and fetch metadata objects for the prefetchers. */
        @WithDefault("64")
        int fetchThreads();

        /** Upper bound on waiting for one prefetched S3 read (open or metadata fetch). */
        @WithDefault("30s")
        Duration fetchTimeout();

        /** Copy buffer for S3 → response streaming, in bytes. */
        @WithDefault("65536")
        int copyBufferSize();

        /**
         * Ranges of one read (e.g. the fragments of an encapsulated frame, separated by 8-byte item
         * headers) closer than this many bytes are fetched with one ranged GET, skipping the gap.
         */
        @WithDefault("4096")
        long rangeCoalesceGap();
    }

    interface Index {

        /** Statement timeout for index queries. */
        @WithDefault("10s")
        Duration queryTimeout();
    }

    interface MetadataCache {

        /** Heap budget of the cache in bytes; 0 disables it. */
        @WithDefault("33554432")
        long maxBytes();

        /** Objects larger than this are not cached. */
        @WithDefault("1048576")
        int maxEntryBytes();

        /** Filling the cache from the events topic, before anyone asks. */
        Warming warming();
    }

    /**
     * Every replica tails the ingestion topic (no consumer group: each needs every event) and
     * reads the metadata object of each stored instance into its cache, so the first series
     * metadata request of a new study (what a viewer asks first) is served from memory, not by
     * one S3 GET per instance. Best effort: with Kafka down, requests fall back to S3.
     */
    interface Warming {

        /** Off: metadata is cached only when first requested. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Events per partition re-read when the service starts, so that a restart (a rolling
         * deploy) does not leave the most recently stored studies cold. 0: only new events.
         */
        @WithDefault("1000")
        int replayPerPartition();

        /** Metadata objects read from S3 at the same time for warming. */
        @WithDefault("4")
        int concurrency();
    }

    interface Limits {

        /** Maximum number of frames in one frames request. */
        @WithDefault("10000")
        int maxFramesPerRequest();
    }
}
