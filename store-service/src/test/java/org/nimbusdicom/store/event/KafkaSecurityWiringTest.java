package org.nimbusdicom.store.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.store.security.StoreAuthorizationMatrixTest;

/**
 * Kafka SASL/TLS settings reach store-service's producer and admin client like query- and
 * delete-service's: {@code kafka.sasl.mechanism} (property) and {@code KAFKA_SSL_TRUSTSTORE_TYPE}
 * (environment variable name) from the authorization test's profile (same profile: no extra boot).
 */
@QuarkusTest
@TestProfile(StoreAuthorizationMatrixTest.OidcOn.class)
class KafkaSecurityWiringTest {

    @Inject
    InstanceEventPublisher publisher;

    @Test
    void producerGetsTheSecuritySettings() {
        Map<String, Object> props = publisher.producerProperties();
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals("PEM", props.get("ssl.truststore.type"));
    }
}
