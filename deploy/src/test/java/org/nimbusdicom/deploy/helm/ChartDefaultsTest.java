package org.nimbusdicom.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.deploy.helm.Chart.FULLNAME;
import static org.nimbusdicom.deploy.helm.Chart.PORTS;
import static org.nimbusdicom.deploy.helm.Chart.SERVICES;
import static org.nimbusdicom.deploy.helm.Chart.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code helm lint} and {@code helm template} with the chart's default values. */
class ChartDefaultsTest {

    private static Chart.Manifests manifests;

    @BeforeAll
    static void render() {
        manifests = Chart.render();
    }

    @Test
    void lintHasNoFailureEvenInStrictMode() {
        LintResult result = new Helm(Chart.dir()).lint().strict().call();
        assertFalse(result.isFailed(), () -> "helm lint failed: " + result.getMessages());
        assertTrue(result.getMessages().stream().noneMatch(m -> m.startsWith("[ERROR]") || m.startsWith("[WARNING]")),
                () -> "helm lint: " + result.getMessages());
    }

    @Test
    void rendersTheExpectedObjects() {
        assertEquals(Set.of(FULLNAME + "-store", FULLNAME + "-retrieve", FULLNAME + "-query", FULLNAME + "-delete",
                FULLNAME + "-gateway"), Set.copyOf(manifests.names("Deployment")));
        assertEquals(5, manifests.ofKind("Service").size());
        assertEquals(5, manifests.ofKind("PodDisruptionBudget").size());
        assertEquals(5, manifests.ofKind("NetworkPolicy").size());
        assertEquals(1, manifests.ofKind("Ingress").size());
        assertEquals(1, manifests.ofKind("ServiceAccount").size());
        assertTrue(manifests.ofKind("HorizontalPodAutoscaler").isEmpty(), "HPA is off by default");
        assertTrue(manifests.ofKind("ServiceMonitor").isEmpty(), "ServiceMonitor is off by default");
        assertTrue(manifests.ofKind("HTTPRoute").isEmpty(), "HTTPRoute only with routing.mode=httpRoute");
        assertTrue(manifests.ofKind("Secret").isEmpty(), "the chart never creates Secrets");
    }

    @Test
    void everyServiceHasItsPortAndHealthProbes() {
        for (String service : SERVICES) {
            int port = PORTS.get(service);
            JsonNode container = manifests.container(service);
            JsonNode ports = container.path("ports");
            assertEquals(1, ports.size());
            assertEquals(port, ports.get(0).path("containerPort").asInt(), service);
            assertEquals("http", ports.get(0).path("name").asText());
            assertEquals(String.valueOf(port), manifests.env(service, "NIMBUS_HTTP_PORT").path("value").asText());

            assertProbe(container, "startupProbe", "/q/health/started", port, service);
            assertProbe(container, "readinessProbe", "/q/health/ready", port, service);
            assertProbe(container, "livenessProbe", "/q/health/live", port, service);

            JsonNode svc = manifests.get("Service", FULLNAME + "-" + service);
            assertEquals(port, svc.path("spec").path("ports").get(0).path("port").asInt());
            assertEquals("http", svc.path("spec").path("ports").get(0).path("targetPort").asText());
            assertEquals(service + "-service", svc.path("spec").path("selector").path("app.kubernetes.io/component").asText());
            assertEquals(manifests.deployment(service).path("spec").path("selector").path("matchLabels"),
                    svc.path("spec").path("selector"), service + ": Service selects the Deployment's pods");
        }
    }

    private static void assertProbe(JsonNode container, String probe, String path, int port, String service) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertEquals(path, httpGet.path("path").asText(), service + " " + probe);
        // the named port resolves to the container port checked above
        assertEquals("http", httpGet.path("port").asText(), service + " " + probe);
        assertTrue(container.path(probe).path("periodSeconds").asInt() > 0);
    }

    @Test
    void servicesListenOnAllInterfacesWithABoundedHeap() {
        JsonNode config = manifests.config();
        assertEquals("0.0.0.0", config.path("NIMBUS_HTTP_HOST").asText());
        for (String service : SERVICES) {
            JsonNode envFrom = manifests.container(service).path("envFrom");
            assertEquals(FULLNAME + "-config", envFrom.get(0).path("configMapRef").path("name").asText());
            String jvm = manifests.env(service, "JAVA_TOOL_OPTIONS").path("value").asText();
            assertTrue(jvm.matches(".*-XX:MaxRAMPercentage=\\d+.*"), service + ": " + jvm);
            JsonNode limits = manifests.container(service).path("resources").path("limits");
            assertTrue(limits.has("memory"), service + ": a memory limit bounds MaxRAMPercentage");
            assertTrue(manifests.container(service).path("resources").path("requests").has("cpu"));
        }
    }

    @Test
    void retrieveWarmsAMetadataCacheThatFitsItsHeap() {
        assertEquals("true", manifests.env("retrieve", "NIMBUS_RETRIEVE_METADATA_WARMING").path("value").asText());
        long cacheBytes = Long.parseLong(manifests.env("retrieve", "NIMBUS_RETRIEVE_METADATA_CACHE_BYTES").path("value").asText());
        String limit = manifests.container("retrieve").path("resources").path("limits").path("memory").asText();
        assertTrue(limit.endsWith("Mi"), limit);
        long heapBytes = Long.parseLong(limit.replace("Mi", "")) * 1024 * 1024 * 70 / 100;
        // the cache may take at most a quarter of the heap: streams, Kafka and S3 clients need the rest
        assertTrue(cacheBytes > 0 && cacheBytes <= heapBytes / 4, cacheBytes + " of a " + heapBytes + " byte heap");
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFilesystemWithASizedTmp() {
        for (String service : SERVICES) {
            JsonNode pod = manifests.deployment(service).path("spec").path("template").path("spec");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), service);
            JsonNode sc = manifests.container(service).path("securityContext");
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), service);
            assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), service);
            assertEquals("ALL", sc.path("capabilities").path("drop").get(0).asText());
            assertTrue(list(manifests.container(service).path("volumeMounts")).stream()
                    .anyMatch(m -> "/tmp".equals(m.path("mountPath").asText()) && "tmp".equals(m.path("name").asText())));
            JsonNode tmp = list(pod.path("volumes")).stream().filter(v -> "tmp".equals(v.path("name").asText()))
                    .findFirst().orElseThrow();
            assertTrue(tmp.path("emptyDir").has("sizeLimit"), service + ": /tmp emptyDir is sized");
            assertEquals(FULLNAME, pod.path("serviceAccountName").asText());
        }
        // STOW stages parts in /tmp: store-service gets the big one, and ephemeral storage to match
        JsonNode storeTmp = list(manifests.deployment("store").path("spec").path("template").path("spec").path("volumes"))
                .stream().filter(v -> "tmp".equals(v.path("name").asText())).findFirst().orElseThrow();
        assertEquals("10Gi", storeTmp.path("emptyDir").path("sizeLimit").asText());
        assertEquals("12Gi", manifests.container("store").path("resources").path("limits").path("ephemeral-storage").asText());
    }

    @Test
    void databaseCredentialsComeFromSecretsWriterForQueryReaderForTheOthers() {
        for (String service : SERVICES) {
            String secret = "query".equals(service) ? "nimbus-db-writer" : "nimbus-db-reader";
            assertSecretRef(service, "NIMBUS_DB_USER", secret, "username");
            assertSecretRef(service, "NIMBUS_DB_PASSWORD", secret, "password");
        }
        assertEquals("jdbc:postgresql://postgresql:5432/nimbus", manifests.config().path("NIMBUS_DB_URL").asText());
    }

    @Test
    void s3KeysComeFromTheSecretOnlyForServicesThatUseS3() {
        for (String service : List.of("store", "retrieve", "delete")) {
            assertSecretRef(service, "NIMBUS_S3_ACCESS_KEY", "nimbus-s3", "access-key");
            assertSecretRef(service, "NIMBUS_S3_SECRET_KEY", "nimbus-s3", "secret-key");
        }
        assertNull(manifests.env("query", "NIMBUS_S3_ACCESS_KEY"), "query-service never touches S3");
        JsonNode config = manifests.config();
        assertEquals("http://minio:9000", config.path("NIMBUS_S3_ENDPOINT").asText());
        assertEquals("nimbus-dicom", config.path("NIMBUS_S3_BUCKET").asText());
        assertEquals("true", config.path("NIMBUS_S3_PATH_STYLE").asText());
        assertFalse(config.has("QUARKUS_S3_AWS_CREDENTIALS_TYPE"), "static keys by default");
    }

    private void assertSecretRef(String service, String env, String secret, String key) {
        JsonNode entry = manifests.env(service, env);
        assertNotNull(entry, service + " has " + env);
        assertFalse(entry.has("value"), service + " " + env + " must not be inlined");
        JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
        assertEquals(secret, ref.path("name").asText(), service + " " + env);
        assertEquals(key, ref.path("key").asText(), service + " " + env);
    }

    @Test
    void noSecretValueIsInlinedAnywhere() {
        Pattern secretish = Pattern.compile(".*(PASSWORD|SECRET|ACCESS_KEY|JAAS|CREDENTIALS_SECRET).*");
        for (JsonNode deployment : manifests.ofKind("Deployment")) {
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode env : container.path("env")) {
                    if (secretish.matcher(env.path("name").asText()).matches()) {
                        assertFalse(env.has("value"), "inlined secret " + env);
                    }
                }
            }
        }
        manifests.config().fieldNames().forEachRemaining(
                name -> assertFalse(secretish.matcher(name).matches(), "secret-like key in the ConfigMap: " + name));
    }

    @Test
    void sharedConfigurationPointsAtTheInClusterQueryService() {
        JsonNode config = manifests.config();
        assertEquals("http://" + FULLNAME + "-query.dicom.svc.cluster.local:8083",
                config.path("NIMBUS_QUERY_SERVICE_URL").asText());
        assertEquals("kafka-bootstrap:9092", config.path("NIMBUS_KAFKA_BOOTSTRAP_SERVERS").asText());
        assertEquals("dicom.instance-events", config.path("NIMBUS_EVENTS_TOPIC").asText());
        assertEquals("false", config.path("NIMBUS_OIDC_ENABLED").asText());
        assertEquals("", config.path("NIMBUS_PUBLIC_BASE_URL").asText(), "no host: derived from X-Forwarded-*");
        assertFalse(config.has("KAFKA_SECURITY_PROTOCOL"), "PLAINTEXT is Kafka's default");
        // pods roll when the shared configuration changes
        for (String service : SERVICES) {
            assertTrue(manifests.deployment(service).path("spec").path("template").path("metadata").path("annotations")
                    .path("checksum/config").asText().matches("[0-9a-f]{64}"));
        }
    }

    @Test
    void ingressStreamsToTheGatewayAndNeverExposesInternal() {
        JsonNode ingress = manifests.get("Ingress", FULLNAME);
        JsonNode annotations = ingress.path("metadata").path("annotations");
        assertEquals("0", annotations.path("nginx.ingress.kubernetes.io/proxy-body-size").asText());
        assertEquals("off", annotations.path("nginx.ingress.kubernetes.io/proxy-request-buffering").asText());
        assertEquals("off", annotations.path("nginx.ingress.kubernetes.io/proxy-buffering").asText());
        assertEquals("3600", annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asText());
        assertEquals("3600", annotations.path("nginx.ingress.kubernetes.io/proxy-send-timeout").asText());
        assertFalse(annotations.has("nginx.ingress.kubernetes.io/configuration-snippet"), "no snippets");
        assertEquals("nginx", ingress.path("spec").path("ingressClassName").asText());

        List<JsonNode> paths = list(ingress.path("spec").path("rules").get(0).path("http").path("paths"));
        assertEquals(1, paths.size());
        assertEquals("/", paths.get(0).path("path").asText());
        assertEquals(FULLNAME + "-gateway", paths.get(0).path("backend").path("service").path("name").asText());
        assertFalse(manifests.text.contains("path: /internal"), "no Ingress path to /internal");
        for (String service : SERVICES) {
            assertFalse(ingress.toString().contains(FULLNAME + "-" + service + "\""),
                    "the Ingress reaches services only through the gateway");
        }
    }

    @Test
    void gatewayRoutesByMethodAndPathLikeTheLocalStack() {
        String conf = manifests.gatewayNginxConf();
        assertTrue(conf.contains("\"~^(POST|PUT) \"                                      store;"), conf);
        assertTrue(conf.contains("\"~^DELETE \"                                          delete;"));
        assertTrue(conf.contains("\"~^(GET|HEAD) .*/(studies|series|instances)/?$\"      query;"));
        assertTrue(conf.contains("\"~^(GET|HEAD|OPTIONS) \"                              retrieve;"));
        assertTrue(Pattern.compile("location ~ \\^/internal\\(/\\|\\$\\) \\{\\s+return 404;").matcher(conf).find(), conf);
        for (String service : SERVICES) {
            assertTrue(conf.contains("server " + FULLNAME + "-" + service + ".dicom.svc.cluster.local:" + PORTS.get(service) + ";"),
                    service + " upstream");
        }
        assertTrue(conf.contains("proxy_request_buffering off;"));
        assertTrue(conf.contains("client_max_body_size 0;"));

        JsonNode gateway = manifests.get("Deployment", FULLNAME + "-gateway");
        JsonNode container = gateway.path("spec").path("template").path("spec").path("containers").get(0);
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertEquals("/healthz", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertTrue(gateway.path("spec").path("template").path("metadata").path("annotations")
                .path("checksum/nginx-conf").asText().matches("[0-9a-f]{64}"), "gateway rolls when its config changes");
    }

    @Test
    void networkPolicyLetsOnlyTheGatewayInAndStoreDeleteReachQuery() {
        for (String service : SERVICES) {
            JsonNode policy = manifests.get("NetworkPolicy", FULLNAME + "-" + service);
            assertEquals(service + "-service",
                    policy.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/component").asText());
            List<JsonNode> rules = list(policy.path("spec").path("ingress"));
            assertEquals(1, rules.size(), "no metricsFrom by default");
            Set<String> fromComponents = list(rules.get(0).path("from")).stream()
                    .map(peer -> peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/component").asText())
                    .collect(Collectors.toSet());
            Set<String> expected = "query".equals(service)
                    ? Set.of("gateway", "store-service", "delete-service")
                    : Set.of("gateway");
            assertEquals(expected, fromComponents, service);
            assertFalse(rules.get(0).path("from").toString().contains("namespaceSelector"),
                    service + ": the ingress controller reaches services only through the gateway");
        }
        JsonNode gateway = manifests.get("NetworkPolicy", FULLNAME + "-gateway");
        JsonNode from = gateway.path("spec").path("ingress").get(0).path("from");
        assertEquals("ingress-nginx", from.get(0).path("namespaceSelector").path("matchLabels")
                .path("kubernetes.io/metadata.name").asText());
    }

    @Test
    void disruptionBudgetsKeepDrainsPossible() {
        for (JsonNode pdb : manifests.ofKind("PodDisruptionBudget")) {
            assertEquals(1, pdb.path("spec").path("maxUnavailable").asInt());
            assertFalse(pdb.path("spec").has("minAvailable"));
        }
    }

    @Test
    void queryServiceLeavesMigrationToTheHookByDefault() {
        assertEquals("false", manifests.env("query", "QUARKUS_FLYWAY_MIGRATE_AT_START").path("value").asText());
        for (String service : List.of("store", "retrieve", "delete")) {
            assertNull(manifests.env(service, "QUARKUS_FLYWAY_MIGRATE_AT_START"));
        }
    }

    @Test
    void imagesDefaultToTheChartAppVersion() {
        assertEquals("nimbus-dicom/nimbus-store-service:0.1.0", manifests.container("store").path("image").asText());
        Chart.Manifests custom = Chart.render(Chart.sets("image.registry", "registry.example.org/team",
                "image.tag", "1.2.3", "services.query.image.tag", "1.2.4"));
        assertEquals("registry.example.org/team/nimbus-dicom/nimbus-retrieve-service:1.2.3",
                custom.container("retrieve").path("image").asText());
        assertEquals("registry.example.org/team/nimbus-dicom/nimbus-query-service:1.2.4",
                custom.container("query").path("image").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "services.store.replicaCount=two",
            "services.query.port=80",
            "routing.mode=loadbalancer",
            "routing.pathPrefix=/has space",
            "kafka.bootstrapServers=",
            "kafka.securityProtocol=TLS",
            "s3.endpoint=minio:9000",
            "s3.credentials.source=irsa",
            "database.url=postgresql://db/nimbus",
            "database.reader.existingSecret=",
            "probes.liveness.periodSeconds=0",
            "gateway.timeouts.read=forever",
            "services.store.unknownKey=1",
            "oidc.enabled=true",
    })
    void schemaOrValidationRejectsBadValues(String set) {
        String[] kv = set.split("=", 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.render(Chart.sets(kv[0], kv[1])), set);
        assertTrue(e.getMessage().contains("schema") || e.getMessage().contains("needs"), e.getMessage());
    }

    @Test
    void schemaRefusesAnEmptyIngressFromWhichWouldAllowEveryone(@TempDir Path tmp) throws IOException {
        Path values = Files.writeString(tmp.resolve("values.yaml"), "networkPolicy:\n  ingressFrom: []\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(Chart.dir(), List.of(values), Map.of()));
        assertTrue(e.getMessage().contains("/networkPolicy/ingressFrom"), e.getMessage());
    }

    @Test
    void schemaRejectsAStringReplicaCountWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(Map.of("services.store.replicaCount", "two")));
        assertTrue(e.getMessage().contains("/services/store/replicaCount"), e.getMessage());
        assertTrue(e.getMessage().contains("want integer"), e.getMessage());
    }

    @Test
    void refusesClustersOlderThanTheApisItUses() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Helm(Chart.dir()).template().withName("x").withKubeVersion("v1.22.0").call());
        assertTrue(e.getMessage().contains("kubeVersion"), e.getMessage());
    }
}
