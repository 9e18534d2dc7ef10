package org.nimbusdicom.common.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    @Test
    void keepsSecurityProtocolSaslAndSslOnly() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "b:9096");
        config.put("group.id", "nimbus-store-service");
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", "/etc/nimbus/kafka-tls/ca.crt");
        config.put("security.providers", "x");
        config.put("health.enabled", "false");
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.type", "PEM", "ssl.truststore.location", "/etc/nimbus/kafka-tls/ca.crt"),
                KafkaClientSecurity.of(config));
    }

    @Test
    void plaintextByDefault() {
        assertEquals(Map.of(), KafkaClientSecurity.of(Map.of("bootstrap.servers", "127.0.0.1:19092")));
    }
}
