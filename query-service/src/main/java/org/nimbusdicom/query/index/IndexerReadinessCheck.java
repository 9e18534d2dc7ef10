package org.nimbusdicom.query.index;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.nimbusdicom.query.config.QueryConfig;

/**
 * Readiness of the indexer: DOWN until the indexer has joined its consumer group once since
 * start. Without it, a restarted stack reported ready while the previous consumer still held the
 * partitions, and every STOW in that window waited in vain for the index. Once joined it stays
 * UP: a later Kafka outage must not take QIDO (which needs only PostgreSQL) out of rotation.
 */
@Readiness
@ApplicationScoped
public class IndexerReadinessCheck implements HealthCheck {

    private final IndexerConsumer indexer;
    private final boolean enabled;

    public IndexerReadinessCheck(IndexerConsumer indexer, QueryConfig config) {
        this.indexer = indexer;
        this.enabled = config.indexer().enabled();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("nimbus-indexer-joined")
                .status(!enabled || indexer.hasJoinedGroup())
                .withData("enabled", enabled)
                .build();
    }
}
