package org.nimbusdicom.common.event;

import java.util.Map;
import java.util.TreeMap;

/**
 * The security part of a Kafka client configuration, so store-, query- and delete-service connect
 * the same way: from Quarkus' {@code default-kafka-broker} map (every {@code kafka.*} property and
 * {@code KAFKA_*} environment variable, e.g. {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL},
 * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG},
 * {@code KAFKA_SSL_TRUSTSTORE_LOCATION/TYPE}) it keeps {@code security.protocol}, {@code sasl.*} and
 * {@code ssl.*}. The services set everything else (timeouts, serializers...) per client.
 */
public final class KafkaClientSecurity {

    private KafkaClientSecurity() {
    }

    /** The {@code security.protocol}, {@code sasl.*} and {@code ssl.*} entries of {@code kafkaConfig}. */
    public static Map<String, Object> of(Map<String, ?> kafkaConfig) {
        Map<String, Object> security = new TreeMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (value != null && (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl."))) {
                security.put(key, value);
            }
        });
        return security;
    }
}
