package org.nimbusdicom.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.deploy.helm.Chart.FULLNAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flyway migration hook Job. helm-java's template returns the release manifest without hooks,
 * so the Job is rendered from a copy of the chart whose hook annotations are removed; the original
 * template is checked for those annotations.
 */
class MigrationHookTest {

    private static final Path TEMPLATE = Chart.dir().resolve("templates/migration-job.yaml");

    @Test
    void theJobIsAPreInstallAndPreUpgradeHook() throws IOException {
        String template = Files.readString(TEMPLATE);
        assertTrue(template.contains("helm.sh/hook: pre-install,pre-upgrade"));
        assertTrue(template.contains("helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded"));
        assertTrue(Chart.render().ofKind("Job").isEmpty(), "hooks are not part of the release manifest");
    }

    @Test
    void theJobMigratesWithTheQueryServiceImageAndTheWriterCredentials(@TempDir Path tmp) throws IOException {
        JsonNode job = renderJob(tmp, Map.of("image.tag", "9.9.9"));
        assertEquals(FULLNAME + "-migrate", job.path("metadata").path("name").asText());
        JsonNode pod = job.path("spec").path("template").path("spec");
        assertEquals("Never", pod.path("restartPolicy").asText());
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        JsonNode container = pod.path("containers").get(0);
        assertEquals("nimbus-dicom/nimbus-query-service:9.9.9", container.path("image").asText());
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());

        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        assertEquals("true", env.get("QUARKUS_INIT_AND_EXIT").path("value").asText());
        assertEquals("true", env.get("QUARKUS_FLYWAY_MIGRATE_AT_START").path("value").asText());
        assertEquals("false", env.get("NIMBUS_QUERY_INDEXER_ENABLED").path("value").asText());
        assertEquals("jdbc:postgresql://postgresql:5432/nimbus", env.get("NIMBUS_DB_URL").path("value").asText());
        for (String name : List.of("NIMBUS_DB_USER", "NIMBUS_DB_PASSWORD")) {
            assertFalse(env.get(name).has("value"), name + " is not inlined");
            assertEquals("nimbus-db-writer", env.get(name).path("valueFrom").path("secretKeyRef").path("name").asText());
        }
        // the hook runs before the release's ConfigMap exists: it must not depend on it
        assertFalse(container.has("envFrom"));
        assertFalse(job.toString().contains(FULLNAME + "-config"));
    }

    @Test
    void withoutTheHookQueryServiceMigratesAtStart(@TempDir Path tmp) throws IOException {
        Chart.copy(tmp.resolve("chart"));
        Chart.Manifests m = Chart.render(tmp.resolve("chart"), List.of(), Map.of("migration.enabled", false));
        assertTrue(m.ofKind("Job").isEmpty());
        assertNull(m.env("query", "QUARKUS_FLYWAY_MIGRATE_AT_START"), "application.properties: migrate-at-start=true");
    }

    private static JsonNode renderJob(Path tmp, Map<String, Object> sets) throws IOException {
        Path chart = Chart.copy(tmp.resolve("chart"));
        Path job = chart.resolve("templates/migration-job.yaml");
        String stripped = Files.readString(job).replaceAll("(?m)^\\s*helm\\.sh/hook[-a-z]*:.*\\n", "");
        assertFalse(stripped.contains("helm.sh/hook"));
        Files.writeString(job, stripped);
        List<JsonNode> jobs = Chart.render(chart, List.of(), sets).ofKind("Job");
        assertEquals(1, jobs.size());
        return jobs.get(0);
    }
}
