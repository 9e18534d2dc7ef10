package org.nimbusdicom.query.index;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.nimbusdicom.query.config.QueryConfig;

/**
 * Liveness of the indexer thread: DOWN when the indexer is enabled but its thread died (a bug;
 * Kafka and PostgreSQL outages are retried inside the thread and do not count). QIDO-only
 * replicas ({@code nimbus.query.indexer.enabled=false}) are always UP.
 */
@Liveness
@ApplicationScoped
public class IndexerHealthCheck implements HealthCheck {

    private final IndexerConsumer indexer;
    private final boolean enabled;

    public IndexerHealthCheck(IndexerConsumer indexer, QueryConfig config) {
        this.indexer = indexer;
        this.enabled = config.indexer().enabled();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("nimbus-indexer")
                .status(!enabled || indexer.isRunning())
                .withData("enabled", enabled)
                .build();
    }
}
