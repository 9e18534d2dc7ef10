package org.nimbusdicom.query.index;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Indexer metrics on {@code /q/metrics}: consumer lag (records behind the log end, all assigned
 * partitions), batch size, batch apply latency (transaction included), event lag (event time to
 * commit, i.e. how stale the index is), and counters of applied / skipped / dead-lettered events
 * and failed attempts.
 */
@ApplicationScoped
public class IndexerMetrics {

    private final AtomicLong consumerLag = new AtomicLong();
    private final DistributionSummary batchSize;
    private final Timer applyLatency;
    private final Timer eventLag;
    private final Counter applied;
    private final Counter skipped;
    private final Counter ignored;
    private final Counter deadLetters;
    private final Counter failures;

    public IndexerMetrics(MeterRegistry registry) {
        registry.gauge("nimbus.indexer.consumer.lag", consumerLag);
        batchSize = DistributionSummary.builder("nimbus.indexer.batch.size").description("records per applied batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        applyLatency = Timer.builder("nimbus.indexer.batch.apply").description("time to apply and commit one batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        eventLag = Timer.builder("nimbus.indexer.event.lag").description("event time to index commit")
                .publishPercentiles(0.5, 0.99).register(registry);
        applied = registry.counter("nimbus.indexer.events", "outcome", "applied");
        skipped = registry.counter("nimbus.indexer.events", "outcome", "already_applied");
        ignored = registry.counter("nimbus.indexer.events", "outcome", "ignored");
        deadLetters = registry.counter("nimbus.indexer.events", "outcome", "dead_letter");
        failures = registry.counter("nimbus.indexer.failures");
    }

    void lag(long records) {
        consumerLag.set(records);
    }

    void batch(IndexBatchService.BatchResult result, int records, long applyNanos) {
        batchSize.record(records);
        applyLatency.record(Duration.ofNanos(applyNanos));
        applied.increment(result.applied());
        skipped.increment(result.skipped());
        ignored.increment(result.ignored());
        deadLetters.increment(result.deadLetters().size());
        Instant now = Instant.now();
        for (Instant t : result.eventTimes()) {
            Duration lag = Duration.between(t, now);
            if (!lag.isNegative()) {
                eventLag.record(lag);
            }
        }
    }

    void failure() {
        failures.increment();
    }
}
