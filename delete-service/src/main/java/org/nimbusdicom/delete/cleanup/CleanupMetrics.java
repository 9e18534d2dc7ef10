package org.nimbusdicom.delete.cleanup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** Micrometer meters of the cleanup consumer (exported on {@code /q/metrics}). */
@Startup // meters visible on /q/metrics from the start, not after first use
@ApplicationScoped
public class CleanupMetrics {

    private final Counter deleted;
    private final Counter failures;
    private final Counter parked;
    private final Counter deadLettered;
    private final AtomicLong lag = new AtomicLong();

    public CleanupMetrics(MeterRegistry registry) {
        deleted = Counter.builder("nimbus.delete.cleanup.objects.deleted")
                .description("S3 objects deleted by the cleanup consumer (DeleteObjects successes)").register(registry);
        failures = Counter.builder("nimbus.delete.cleanup.failures")
                .description("S3 object deletions that failed and will be retried").register(registry);
        parked = Counter.builder("nimbus.delete.cleanup.parked")
                .description("Records re-queued on the cleanup retry topic after repeated failures").register(registry);
        deadLettered = Counter.builder("nimbus.delete.cleanup.dead.lettered")
                .description("Records that were not CloudEvents, sent to the cleanup dead-letter topic")
                .register(registry);
        Gauge.builder("nimbus.delete.cleanup.consumer.lag", lag, AtomicLong::get)
                .description("Records not yet processed by the cleanup consumer, over its assigned partitions")
                .register(registry);
    }

    void deleted(int count) {
        deleted.increment(count);
    }

    void failed(int count) {
        failures.increment(count);
    }

    void parked() {
        parked.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void lag(long records) {
        lag.set(records);
    }

    /** Objects deleted so far. */
    public double deletedCount() {
        return deleted.count();
    }

    /** Failed deletions so far. */
    public double failureCount() {
        return failures.count();
    }

    /** Current lag. */
    public long currentLag() {
        return lag.get();
    }
}
