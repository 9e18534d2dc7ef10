package org.nimbusdicom.delete.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.nimbusdicom.delete.event.EventTopicInitializer;
import org.nimbusdicom.delete.event.KafkaClientFactory;

/** Ready when a Kafka broker answers and the topics exist (DELETE cannot work otherwise). */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KafkaClientFactory clients;
    private final EventTopicInitializer topics;
    private Admin admin;

    public KafkaReadinessCheck(KafkaClientFactory clients, EventTopicInitializer topics) {
        this.clients = clients;
        this.topics = topics;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int brokers = admin().describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named("Kafka").status(brokers > 0 && topics.ready())
                    .withData("brokers", brokers).withData("topics", topics.ready()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthCheckResponse.down("Kafka");
        } catch (Exception e) {
            return HealthCheckResponse.named("Kafka").down().withData("error", e.toString()).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = clients.admin("nimbus-delete-health", TIMEOUT);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
