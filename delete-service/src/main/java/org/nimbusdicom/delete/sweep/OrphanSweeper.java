package org.nimbusdicom.delete.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.delete.config.DeleteConfig;
import org.nimbusdicom.delete.index.InstanceIndexRepository;
import org.nimbusdicom.delete.storage.DicomObjectStore;
import org.nimbusdicom.delete.storage.StoredObject;

/**
 * The safety net for a crash between a blob upload and its event (and for cleanup that never
 * happened): deletes objects under {@code studies/} that no index row references once they are
 * older than the grace period.
 *
 * <p>An object is deleted only when all of these hold, checked page by page:
 * <ol>
 * <li>its key is exactly what {@link BlobKeys} builds (valid UIDs, a store id, {@code .dcm} or
 * {@code .json}); anything else in the bucket is never touched;</li>
 * <li>no {@code instance.store_id} equals its store id, checked after listing the page;</li>
 * <li>both its store id time ({@link StoreId#createdAtMillis}) and its S3 LastModified are older
 * than the grace period (a skewed clock on either side cannot make a fresh object look old).</li>
 * </ol>
 * The grace period must exceed the longest STOW (upload, event, indexing): the window in which a
 * live object is not yet referenced by the index.
 */
@Startup // meters visible on /q/metrics from the start, not after first use
@ApplicationScoped
public class OrphanSweeper {

    private static final Logger LOG = Logger.getLogger(OrphanSweeper.class);
    private static final Pattern LAYOUT = Pattern.compile(
            "studies/([0-9.]+)/series/([0-9.]+)/instances/([0-9.]+)/([0-9a-f]{32})\\.(dcm|json)");

    private final DicomObjectStore store;
    private final InstanceIndexRepository index;
    private final DeleteConfig config;
    private final Counter swept;
    private final Counter sweepFailures;
    private final AtomicBoolean running = new AtomicBoolean();

    public OrphanSweeper(DicomObjectStore store, InstanceIndexRepository index, DeleteConfig config,
            MeterRegistry registry) {
        this.store = store;
        this.index = index;
        this.config = config;
        this.swept = Counter.builder("nimbus.delete.sweeper.objects.swept")
                .description("Unreferenced objects older than the grace period deleted by the orphan sweeper")
                .register(registry);
        this.sweepFailures = Counter.builder("nimbus.delete.sweeper.failures")
                .description("Orphan deletions or sweeps that failed (retried by the next sweep)").register(registry);
    }

    @Scheduled(identity = "orphan-sweeper", every = "${nimbus.delete.sweeper.interval}",
            delayed = "${nimbus.delete.sweeper.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        if (!config.sweeper().enabled()) {
            return;
        }
        try {
            SweepResult result = sweep();
            LOG.infof("orphan sweep: %s", result);
        } catch (RuntimeException e) {
            sweepFailures.increment();
            LOG.warnf("orphan sweep failed (next run retries): %s", e.toString());
        }
    }

    /** Sweeps now with the configured grace period (whether or not scheduled sweeps are enabled). */
    public SweepResult sweep() {
        return sweep(config.sweeper().gracePeriod());
    }

    /**
     * Sweeps now with the given grace period.
     *
     * @throws IllegalStateException when a sweep is already running
     */
    public SweepResult sweep(Duration gracePeriod) {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("a sweep is already running");
        }
        try {
            long[] counts = new long[6];
            store.forEachPage(BlobKeys.ROOT_PREFIX, config.sweeper().pageSize(),
                    page -> sweepPage(page, gracePeriod, counts));
            return new SweepResult(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
        } finally {
            running.set(false);
        }
    }

    private void sweepPage(List<StoredObject> page, Duration gracePeriod, long[] counts) {
        counts[0] += page.size();
        List<StoredObject> candidates = new ArrayList<>();
        Set<String> storeIds = new HashSet<>();
        for (StoredObject object : page) {
            String storeId = layoutStoreId(object.key());
            if (storeId == null) {
                counts[1]++;
                continue;
            }
            candidates.add(object);
            storeIds.add(storeId);
        }
        if (candidates.isEmpty()) {
            return;
        }
        // one index lookup per page, after the listing: a row written before it is seen
        Set<String> referenced = index.referencedStoreIds(storeIds);
        long cutoff = Instant.now().minus(gracePeriod).toEpochMilli();
        List<String> orphans = new ArrayList<>();
        for (StoredObject object : candidates) {
            String storeId = BlobKeys.storeIdOf(object.key());
            if (referenced.contains(storeId)) {
                counts[2]++;
            } else if (StoreId.createdAtMillis(storeId) >= cutoff || object.lastModified() == null
                    || object.lastModified().toEpochMilli() >= cutoff) {
                counts[3]++;
            } else {
                orphans.add(object.key());
            }
        }
        if (orphans.isEmpty()) {
            return;
        }
        List<String> failed;
        try {
            failed = store.delete(orphans);
        } catch (RuntimeException e) {
            LOG.warnf("orphan deletion of %d object(s) failed: %s", orphans.size(), e.toString());
            failed = orphans;
        }
        counts[4] += orphans.size() - failed.size();
        counts[5] += failed.size();
        swept.increment(orphans.size() - failed.size());
        sweepFailures.increment(failed.size());
        LOG.infof("orphan sweeper deleted %d unreferenced object(s)", orphans.size() - failed.size());
    }

    /** The store id of a key that follows the layout exactly, else null. */
    static String layoutStoreId(String key) {
        Matcher m = LAYOUT.matcher(key);
        if (!m.matches()) {
            return null;
        }
        try {
            InstanceIdentifier id = new InstanceIdentifier(m.group(1), m.group(2), m.group(3));
            String storeId = m.group(4);
            String rebuilt = "dcm".equals(m.group(5)) ? BlobKeys.blobKey(id, storeId) : BlobKeys.metadataKey(id, storeId);
            return rebuilt.equals(key) && storeId.equals(BlobKeys.storeIdOf(key)) ? storeId : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
