package org.nimbusdicom.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.deploy.helm.Chart.FULLNAME;
import static org.nimbusdicom.deploy.helm.Chart.list;
import static org.nimbusdicom.deploy.helm.Chart.sets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** HPA, ServiceMonitor, NetworkPolicy, HTTPRoute and secret toggles. */
class ChartTogglesTest {

    @Test
    void hpaReplacesTheReplicaCount() {
        Chart.Manifests m = Chart.render(sets("services.retrieve.autoscaling.enabled", true,
                "services.retrieve.autoscaling.targetMemoryUtilizationPercentage", 80));
        JsonNode hpa = m.get("HorizontalPodAutoscaler", FULLNAME + "-retrieve");
        assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
        assertEquals(FULLNAME + "-retrieve", hpa.path("spec").path("scaleTargetRef").path("name").asText());
        assertEquals(2, hpa.path("spec").path("minReplicas").asInt());
        assertEquals(10, hpa.path("spec").path("maxReplicas").asInt());
        List<String> metrics = list(hpa.path("spec").path("metrics")).stream()
                .map(x -> x.path("resource").path("name").asText()).toList();
        assertEquals(List.of("cpu", "memory"), metrics);
        assertFalse(m.deployment("retrieve").path("spec").has("replicas"));
        assertEquals(2, m.deployment("store").path("spec").path("replicas").asInt());
        assertEquals(1, m.ofKind("HorizontalPodAutoscaler").size());
    }

    @Test
    void serviceMonitorScrapesQMetricsOfTheFourServices() {
        Chart.Manifests m = Chart.render(sets("metrics.serviceMonitor.enabled", true,
                "metrics.serviceMonitor.labels.release", "prom"));
        JsonNode monitor = m.get("ServiceMonitor", FULLNAME);
        assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
        assertEquals("prom", monitor.path("metadata").path("labels").path("release").asText());
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals("http", endpoint.path("port").asText());
        JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
        // exactly the four service Services carry every selector label (not the gateway)
        int selected = 0;
        for (JsonNode service : m.ofKind("Service")) {
            JsonNode labels = service.path("metadata").path("labels");
            boolean all = true;
            for (var it = selector.fields(); it.hasNext(); ) {
                var e = it.next();
                all &= e.getValue().asText().equals(labels.path(e.getKey()).asText());
            }
            if (all) {
                selected++;
                assertFalse(service.path("metadata").path("name").asText().endsWith("-gateway"));
            }
        }
        assertEquals(4, selected);
    }

    @Test
    void networkPolicyCanBeTurnedOffAndOpenedToMetricsScrapers() {
        assertTrue(Chart.render(sets("networkPolicy.enabled", false)).ofKind("NetworkPolicy").isEmpty());

        Chart.Manifests m = Chart.render(sets(
                "networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name", "monitoring"));
        JsonNode rules = m.get("NetworkPolicy", FULLNAME + "-store").path("spec").path("ingress");
        assertEquals(2, rules.size());
        assertEquals("monitoring", rules.get(1).path("from").get(0).path("namespaceSelector").path("matchLabels")
                .path("name").asText());
    }

    @Test
    void irsaDropsTheStaticKeysAndWarnsInNotesWithoutARole() {
        Chart.Manifests m = Chart.render(sets("s3.credentials.source", "default", "s3.credentials.existingSecret", ""));
        assertEquals("default", m.config().path("QUARKUS_S3_AWS_CREDENTIALS_TYPE").asText());
        assertFalse(m.text.contains("NIMBUS_S3_ACCESS_KEY"));
    }

    @Test
    void kafkaTlsMountsTheCaForEveryKafkaClient() {
        Chart.Manifests m = Chart.render(sets("kafka.securityProtocol", "SSL", "kafka.tls.caSecret", "kafka-ca"));
        assertEquals("SSL", m.config().path("KAFKA_SECURITY_PROTOCOL").asText());
        assertEquals("/etc/nimbus/kafka-tls/ca.crt", m.config().path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText());
        // retrieve-service too: it tails the topic to warm its metadata cache
        for (String service : List.of("store", "retrieve", "query", "delete")) {
            assertTrue(list(m.container(service).path("volumeMounts")).stream()
                    .anyMatch(v -> "/etc/nimbus/kafka-tls".equals(v.path("mountPath").asText())), service);
        }
    }

    @Test
    void corsIsOffUntilOriginsAreListed() {
        assertEquals("false", Chart.render(sets()).config().path("NIMBUS_CORS_ENABLED").asText());
        Chart.Manifests m = Chart.render(sets("cors.origins[0]", "https://viewer.example.org",
                "cors.origins[1]", "/https://.*[.]example[.]net/"));
        assertEquals("true", m.config().path("NIMBUS_CORS_ENABLED").asText());
        assertEquals("https://viewer.example.org,/https://.*[.]example[.]net/", m.config().path("NIMBUS_CORS_ORIGINS").asText());
    }

    @Test
    void saslWithoutItsSecretIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(sets("kafka.securityProtocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512")));
        assertTrue(e.getMessage().contains("kafka.sasl.existingSecret"), e.getMessage());
    }

    @Test
    void ingressModeNeedsTheGateway() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(sets("gateway.enabled", false)));
        assertTrue(e.getMessage().contains("gateway.enabled"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Gateway API
    // ---------------------------------------------------------------------------------------------

    private static Chart.Manifests httpRoute(Object... more) {
        List<Object> all = new ArrayList<>(List.of("routing.mode", "httpRoute",
                "httpRoute.parentRefs[0].name", "public", "httpRoute.parentRefs[0].namespace", "gateway-system",
                "httpRoute.hostnames[0]", "dicom.example.org", "gateway.enabled", false));
        all.addAll(List.of(more));
        return Chart.render(sets(all.toArray()));
    }

    @Test
    void httpRouteRoutesByMethodStraightToTheServices() {
        Chart.Manifests m = httpRoute();
        assertTrue(m.ofKind("Ingress").isEmpty());
        assertTrue(m.names("Deployment").stream().noneMatch(n -> n.endsWith("-gateway")));
        JsonNode route = m.get("HTTPRoute", FULLNAME);
        assertEquals("gateway.networking.k8s.io/v1", route.path("apiVersion").asText());
        assertEquals("public", route.path("spec").path("parentRefs").get(0).path("name").asText());
        assertEquals("https://dicom.example.org", m.config().path("NIMBUS_PUBLIC_BASE_URL").asText());

        HttpRouteModel model = new HttpRouteModel(route);
        assertEquals("store", model.route("POST", "/studies"));
        assertEquals("store", model.route("POST", "/studies/1.2.3"));
        assertEquals("store", model.route("PUT", "/studies/1.2.3"));
        assertEquals("delete", model.route("DELETE", "/studies/1.2.3"));
        assertEquals("delete", model.route("DELETE", "/studies/1.2.3/series/4.5"));
        assertEquals("query", model.route("GET", "/studies"));
        assertEquals("query", model.route("GET", "/studies/"));
        assertEquals("query", model.route("HEAD", "/series"));
        assertEquals("query", model.route("GET", "/instances"));
        assertEquals("query", model.route("GET", "/studies/1.2.3/series"));
        assertEquals("query", model.route("GET", "/studies/1.2.3/instances"));
        assertEquals("query", model.route("GET", "/studies/1.2.3/series/4.5/instances"));
        assertEquals("retrieve", model.route("GET", "/studies/1.2.3"));
        assertEquals("retrieve", model.route("GET", "/studies/1.2.3/metadata"));
        assertEquals("retrieve", model.route("GET", "/studies/1.2.3/series/4.5/instances/6.7/frames/1,2"));
        assertEquals("retrieve", model.route("GET", "/studies/1.2.3/series/4.5/instances/6.7/bulkdata/7FE00010"));
        assertEquals("retrieve", model.route("OPTIONS", "/studies"));
        assertEquals("blocked", model.route("GET", "/internal/index-progress/wait"));
        assertEquals("blocked", model.route("POST", "/internal/anything"));
        assertEquals("none", model.route("PATCH", "/studies"));

        // the Gateway API data plane must reach the services directly now
        JsonNode storePolicy = m.get("NetworkPolicy", FULLNAME + "-store");
        assertTrue(storePolicy.path("spec").path("ingress").get(0).path("from").toString().contains("ingress-nginx"));
    }

    @Test
    void httpRouteCanGoThroughTheGatewayWithAPrefix() {
        Chart.Manifests m = httpRoute("httpRoute.backend", "gateway", "gateway.enabled", true,
                "routing.pathPrefix", "/v1", "httpRoute.timeouts.request", "3600s");
        JsonNode rules = m.get("HTTPRoute", FULLNAME).path("spec").path("rules");
        assertEquals(1, rules.size());
        assertEquals("/v1", rules.get(0).path("matches").get(0).path("path").path("value").asText());
        assertEquals(FULLNAME + "-gateway", rules.get(0).path("backendRefs").get(0).path("name").asText());
        assertEquals("3600s", rules.get(0).path("timeouts").path("request").asText());
        assertTrue(m.gatewayNginxConf().contains("location ~ ^/v1/internal(/|$)"));
    }

    @Test
    void httpRouteToServicesRefusesAPrefix() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> httpRoute("routing.pathPrefix", "/v1"));
        assertTrue(e.getMessage().contains("httpRoute.backend=gateway"), e.getMessage());
    }

    /**
     * The matching semantics of Gateway API HTTPRoute rules for a single route: a rule matches if any
     * of its matches does (method equal, path by type); among matching rules the longest PathPrefix
     * wins, then a RegularExpression match over a "/" prefix (the catch-all), then list order.
     */
    static final class HttpRouteModel {
        private final List<JsonNode> rules;

        HttpRouteModel(JsonNode route) {
            this.rules = list(route.path("spec").path("rules"));
        }

        /** store/retrieve/query/delete, "blocked" (rule without backends) or "none". */
        String route(String method, String path) {
            JsonNode best = null;
            int bestScore = -1;
            for (JsonNode rule : rules) {
                Optional<Integer> score = score(rule, method, path);
                if (score.isPresent() && score.get() > bestScore) {
                    best = rule;
                    bestScore = score.get();
                }
            }
            if (best == null) {
                return "none";
            }
            JsonNode backends = best.path("backendRefs");
            if (backends.isMissingNode() || backends.isEmpty()) {
                return "blocked";
            }
            assertEquals(1, backends.size());
            String name = backends.get(0).path("name").asText();
            assertTrue(name.startsWith(FULLNAME + "-"), name);
            String key = name.substring(FULLNAME.length() + 1);
            assertEquals(Chart.PORTS.get(key).intValue(), backends.get(0).path("port").asInt(), key + " port");
            return key;
        }

        private static Optional<Integer> score(JsonNode rule, String method, String path) {
            Optional<Integer> best = Optional.empty();
            for (JsonNode match : rule.path("matches")) {
                if (match.has("method") && !method.equals(match.path("method").asText())) {
                    continue;
                }
                JsonNode p = match.path("path");
                String type = p.path("type").asText("PathPrefix");
                String value = p.path("value").asText("/");
                int score;
                switch (type) {
                    case "PathPrefix" -> {
                        boolean matches = "/".equals(value) || path.equals(value) || path.startsWith(value + "/");
                        if (!matches) {
                            continue;
                        }
                        score = value.length() > 1 ? 1000 + value.length() : 10;
                    }
                    case "RegularExpression" -> {
                        if (!Pattern.compile(value).matcher(path).matches()) {
                            continue;
                        }
                        score = 500;
                    }
                    default -> throw new AssertionError("unexpected path type " + type);
                }
                if (match.has("method")) {
                    score += 1;
                }
                if (best.isEmpty() || score > best.get()) {
                    best = Optional.of(score);
                }
            }
            return best;
        }
    }
}
