package org.nimbusdicom.retrieve.metadata;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.ResourceNotFoundException;
import org.nimbusdicom.common.event.EventCodec;
import org.nimbusdicom.common.event.MalformedEventException;
import org.nimbusdicom.common.event.MetadataKeys;
import org.nimbusdicom.retrieve.config.RetrieveConfig;
import org.nimbusdicom.retrieve.instance.DicomBlobStore;
import org.nimbusdicom.retrieve.instance.FetchExecutor;

/**
 * Applies events of the ingestion topic to the {@link MetadataCache}: a stored instance's
 * metadata object is read from S3 into the cache (at most {@code concurrency} reads at once; the
 * caller blocks beyond that, which paces the topic consumer), a deleted instance's object is
 * dropped. Best effort: a failed read only means the first request reads that object itself.
 */
@ApplicationScoped
public class MetadataWarmer {

    private static final Logger LOG = Logger.getLogger(MetadataWarmer.class);

    private final MetadataCache cache;
    private final Function<String, byte[]> reader;
    private final Executor executor;
    private final Semaphore slots;
    private final int concurrency;
    private final Counter warmed;
    private final Counter present;
    private final Counter missing;
    private final Counter failed;
    private final Counter evicted;

    @Inject
    public MetadataWarmer(MetadataCache cache, DicomBlobStore blobStore, FetchExecutor executor, RetrieveConfig config,
            MeterRegistry registry) {
        this(cache, blobStore::readAll, executor, config.metadataCache().warming().concurrency(), registry);
    }

    MetadataWarmer(MetadataCache cache, Function<String, byte[]> reader, Executor executor, int concurrency,
            MeterRegistry registry) {
        this.cache = cache;
        this.reader = reader;
        this.executor = executor;
        this.concurrency = Math.max(1, concurrency);
        this.slots = new Semaphore(this.concurrency);
        this.warmed = outcome(registry, "warmed");
        this.present = outcome(registry, "present");
        this.missing = outcome(registry, "missing");
        this.failed = outcome(registry, "failed");
        this.evicted = outcome(registry, "evicted");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("nimbus.retrieve.metadata.cache.warming").tag("outcome", outcome)
                .description("Events applied to the metadata cache, by outcome").register(registry);
    }

    /**
     * Applies one record value of the topic. Malformed or unknown events are skipped (the topic
     * is shared with other producers' future event types).
     */
    public void accept(byte[] value) throws InterruptedException {
        MetadataKeys keys;
        try {
            keys = EventCodec.metadataKeys(value);
        } catch (MalformedEventException e) {
            LOG.debugf("skipping an event the cache cannot use: %s", e.getMessage());
            return;
        }
        switch (keys.kind()) {
            case STORED -> {
                for (String key : keys.keys()) {
                    warm(key);
                }
            }
            case DELETED -> keys.keys().forEach(this::evict);
            case OTHER -> { }
        }
    }

    /** Waits until the reads started so far have ended (tests, shutdown). */
    public void awaitIdle() throws InterruptedException {
        slots.acquire(concurrency);
        slots.release(concurrency);
    }

    private void warm(String metadataKey) throws InterruptedException {
        if (cache.get(metadataKey) != null) {
            present.increment();
            return;
        }
        slots.acquire();
        try {
            executor.execute(() -> {
                try {
                    read(metadataKey);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            failed.increment();
        }
    }

    private void read(String metadataKey) {
        try {
            cache.put(metadataKey, reader.apply(metadataKey));
            warmed.increment();
        } catch (ResourceNotFoundException e) {
            // deleted (or re-stored under a new store id) before we got to it
            missing.increment();
        } catch (RuntimeException e) {
            failed.increment();
            LOG.debugf("cannot warm %s: %s", metadataKey, e.getMessage());
        }
    }

    private void evict(String metadataKey) {
        cache.remove(metadataKey);
        evicted.increment();
    }
}
