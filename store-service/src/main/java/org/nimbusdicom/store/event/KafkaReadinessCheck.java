package org.nimbusdicom.store.event;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the Kafka cluster answers a describe-cluster request. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private final InstanceEventPublisher publisher;

    public KafkaReadinessCheck(InstanceEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka").status(publisher.clusterReachable())
                .withData("topic", publisher.topic()).build();
    }
}
