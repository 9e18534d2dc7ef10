package org.nimbusdicom.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.deploy.helm.Chart.FULLNAME;
import static org.nimbusdicom.deploy.helm.Chart.SERVICES;
import static org.nimbusdicom.deploy.helm.Chart.list;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code helm template} with deploy/helm/examples/values-aws.yaml and values-incluster.yaml. */
class ChartExamplesTest {

    @Test
    void awsUsesIrsaMskScramRdsAndAnAlb() {
        Chart.Manifests m = Chart.renderExample("values-aws.yaml", Map.of());
        JsonNode config = m.config();

        // S3 through IRSA: no static keys anywhere, the SDK default chain, the annotated account
        assertEquals("default", config.path("QUARKUS_S3_AWS_CREDENTIALS_TYPE").asText());
        assertEquals("https://s3.eu-west-1.amazonaws.com", config.path("NIMBUS_S3_ENDPOINT").asText());
        assertEquals("false", config.path("NIMBUS_S3_PATH_STYLE").asText());
        for (String service : SERVICES) {
            assertNull(m.env(service, "NIMBUS_S3_ACCESS_KEY"), service);
            assertNull(m.env(service, "NIMBUS_S3_SECRET_KEY"), service);
        }
        JsonNode account = m.get("ServiceAccount", FULLNAME);
        assertTrue(account.path("metadata").path("annotations").path("eks.amazonaws.com/role-arn").asText()
                .startsWith("arn:aws:iam::"));

        // MSK: SASL_SSL + SCRAM, JAAS from the Secret for every service (retrieve tails the topic for its cache)
        assertEquals("SASL_SSL", config.path("KAFKA_SECURITY_PROTOCOL").asText());
        assertEquals("SCRAM-SHA-512", config.path("KAFKA_SASL_MECHANISM").asText());
        assertTrue(config.path("NIMBUS_KAFKA_BOOTSTRAP_SERVERS").asText().contains(":9096"));
        for (String service : List.of("store", "retrieve", "query", "delete")) {
            JsonNode jaas = m.env(service, "KAFKA_SASL_JAAS_CONFIG");
            assertEquals("nimbus-msk-scram", jaas.path("valueFrom").path("secretKeyRef").path("name").asText(), service);
        }

        // RDS with TLS
        assertTrue(config.path("NIMBUS_DB_URL").asText().contains("rds.amazonaws.com:5432/nimbus?sslmode=require"));

        // OIDC
        assertEquals("true", config.path("NIMBUS_OIDC_ENABLED").asText());
        assertEquals("https://auth.example.org/realms/nimbus", config.path("NIMBUS_OIDC_AUTH_SERVER_URL").asText());
        assertEquals("realm_access/roles", config.path("NIMBUS_OIDC_ROLES_CLAIM_PATH").asText());
        assertEquals("realm_access/roles", config.path("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH").asText());
        assertEquals("nimbus-dicomweb", config.path("QUARKUS_OIDC_TOKEN_AUDIENCE").asText());
        assertEquals("https://dicom.example.org", config.path("NIMBUS_PUBLIC_BASE_URL").asText());

        // ALB in front of the gateway, health-checked on the gateway's health port
        JsonNode ingress = m.get("Ingress", FULLNAME);
        assertEquals("alb", ingress.path("spec").path("ingressClassName").asText());
        JsonNode annotations = ingress.path("metadata").path("annotations");
        assertEquals("8090", annotations.path("alb.ingress.kubernetes.io/healthcheck-port").asText());
        assertFalse(annotations.has("nginx.ingress.kubernetes.io/proxy-body-size"), "no ingress-nginx annotations on ALB");
        JsonNode gatewayPolicy = m.get("NetworkPolicy", FULLNAME + "-gateway");
        assertEquals("10.0.0.0/16", gatewayPolicy.path("spec").path("ingress").get(0).path("from").get(0)
                .path("ipBlock").path("cidr").asText());
        assertEquals(List.of("http", "health"), list(gatewayPolicy.path("spec").path("ingress").get(0).path("ports"))
                .stream().map(p -> p.path("port").asText()).toList());

        // HPA for store/retrieve/query: the Deployment leaves replicas to it
        assertEquals(3, m.ofKind("HorizontalPodAutoscaler").size());
        for (String service : List.of("store", "retrieve", "query")) {
            assertFalse(m.deployment(service).path("spec").has("replicas"), service + " replicas belong to the HPA");
        }
        assertEquals(2, m.deployment("delete").path("spec").path("replicas").asInt());
        assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/nimbus-dicom/nimbus-store-service:0.1.0",
                m.container("store").path("image").asText());

        // metrics scraped from the monitoring namespace
        assertEquals(1, m.ofKind("ServiceMonitor").size());
        JsonNode queryPolicy = m.get("NetworkPolicy", FULLNAME + "-query");
        assertEquals(2, queryPolicy.path("spec").path("ingress").size(), "traffic rule + metrics rule");
    }

    @Test
    void inClusterUsesMinioStrimziCloudNativePgAndAPrefix() {
        Chart.Manifests m = Chart.renderExample("values-incluster.yaml", Map.of());
        JsonNode config = m.config();

        assertEquals("http://minio.minio.svc.cluster.local:9000", config.path("NIMBUS_S3_ENDPOINT").asText());
        assertEquals("true", config.path("NIMBUS_S3_PATH_STYLE").asText());
        for (String service : List.of("store", "retrieve", "delete")) {
            assertEquals("nimbus-minio", m.env(service, "NIMBUS_S3_SECRET_KEY").path("valueFrom")
                    .path("secretKeyRef").path("name").asText());
        }
        assertEquals("nimbus-kafka-kafka-bootstrap.kafka.svc.cluster.local:9092",
                config.path("NIMBUS_KAFKA_BOOTSTRAP_SERVERS").asText());
        assertTrue(config.path("NIMBUS_DB_URL").asText().startsWith("jdbc:postgresql://nimbus-pg-rw."),
                "read-your-writes needs the primary");
        assertEquals("nimbus-pg-app", m.env("query", "NIMBUS_DB_PASSWORD").path("valueFrom")
                .path("secretKeyRef").path("name").asText());
        assertEquals("nimbus-pg-reader", m.env("retrieve", "NIMBUS_DB_PASSWORD").path("valueFrom")
                .path("secretKeyRef").path("name").asText());

        // the prefix: Ingress path, gateway strip + X-Forwarded-Prefix, public base URL with TLS
        JsonNode ingress = m.get("Ingress", FULLNAME);
        assertEquals("/dicomweb", ingress.path("spec").path("rules").get(0).path("http").path("paths").get(0)
                .path("path").asText());
        assertEquals("pacs-example-internal-tls", ingress.path("spec").path("tls").get(0).path("secretName").asText());
        assertEquals("https://pacs.example.internal/dicomweb", config.path("NIMBUS_PUBLIC_BASE_URL").asText());
        String conf = m.gatewayNginxConf();
        assertTrue(conf.contains("location ~ ^/dicomweb/internal(/|$) {"), conf);
        assertTrue(conf.contains("rewrite ^/dicomweb(/.*)$ $1 break;"));
        assertTrue(conf.contains("proxy_set_header X-Forwarded-Prefix \"/dicomweb\";"));
        assertEquals("internal-ca", ingress.path("metadata").path("annotations").path("cert-manager.io/cluster-issuer").asText());
        assertEquals("off", ingress.path("metadata").path("annotations")
                .path("nginx.ingress.kubernetes.io/proxy-request-buffering").asText());
    }

    @Test
    void notesPrintTheBaseUrlAndHowToTest() {
        String aws = Chart.notes(Chart.example("values-aws.yaml"));
        assertTrue(aws.contains("DICOMweb base URL:\n  https://dicom.example.org"), aws);
        assertTrue(aws.contains("export BASE=https://dicom.example.org"), aws);
        assertTrue(aws.contains("$BASE/studies"), aws);
        assertTrue(aws.contains("Authorization: Bearer"), aws);

        String defaults = Chart.notes();
        assertTrue(defaults.contains("port-forward svc/" + FULLNAME + "-gateway 8080:80"), defaults);
        assertTrue(defaults.contains("export BASE=http://127.0.0.1:8080"), defaults);
        assertTrue(defaults.contains("curl -sS \"$BASE/openapi.yaml\""), defaults);
    }
}
