package org.nimbusdicom.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.deploy.helm.Chart.FULLNAME;
import static org.nimbusdicom.deploy.helm.Chart.sets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The gateway serves the merged OpenAPI document: the chart's files/openapi.yaml is the committed
 * deploy/openapi/nimbus-dicomweb.yaml (no drift), it reaches the gateway ConfigMap and nginx, and its
 * server URL becomes the public base URL when the chart knows it.
 */
class ChartOpenApiTest {

    private static final Path ROOT = Paths.get(System.getProperty("nimbus.repo.root", ".."));
    static final Path MERGED = ROOT.resolve("deploy/openapi/nimbus-dicomweb.yaml");
    static final Path CHART_COPY = Chart.dir().resolve("files/openapi.yaml");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void chartCopyIsTheMergedDocument() throws IOException {
        assertEquals(Files.readString(MERGED), Files.readString(CHART_COPY),
                "deploy/helm/nimbus-dicomweb/files/openapi.yaml is stale: run mvn -B install -Dnimbus.openapi.update=true"
                        + " (or copy deploy/openapi/nimbus-dicomweb.yaml) and commit it");
    }

    @Test
    void gatewayConfigMapCarriesTheDocumentAndNginxServesIt() throws IOException {
        Chart.Manifests m = Chart.render();
        JsonNode data = m.get("ConfigMap", FULLNAME + "-gateway").path("data");
        // no public host known: the document as committed (local-stack server URL)
        assertEquals(Files.readString(MERGED).strip(), data.path("openapi.yaml").asText().strip());
        String conf = data.path("nginx.conf").asText();
        assertTrue(conf.contains("location = /openapi.yaml {"), conf);
        assertTrue(conf.contains("alias /etc/nginx/nimbus/openapi.yaml;"), conf);
        JsonNode annotations = m.get("Deployment", FULLNAME + "-gateway").path("spec").path("template")
                .path("metadata").path("annotations");
        assertTrue(annotations.path("checksum/openapi").asText().matches("[0-9a-f]{64}"), annotations.toString());
    }

    @Test
    void serverUrlIsThePublicBaseUrl() throws IOException {
        Chart.Manifests m = Chart.render(sets("ingress.host", "dicom.example.org", "ingress.tls.enabled", true,
                "ingress.tls.secretName", "tls", "routing.pathPrefix", "/dicomweb"));
        String served = m.get("ConfigMap", FULLNAME + "-gateway").path("data").path("openapi.yaml").asText();
        JsonNode doc = YAML.readTree(served);
        assertEquals(1, doc.path("servers").size());
        assertEquals("https://dicom.example.org/dicomweb", doc.path("servers").get(0).path("url").asText());
        assertEquals("this deployment", doc.path("servers").get(0).path("description").asText());
        // everything else unchanged
        assertEquals(YAML.readTree(MERGED.toFile()).path("paths"), doc.path("paths"));
        assertTrue(m.gatewayNginxConf().contains("location = /dicomweb/openapi.yaml {"));
    }

    @Test
    void canBeTurnedOff() {
        Chart.Manifests m = Chart.render(sets("gateway.openapi.enabled", false));
        assertFalse(m.get("ConfigMap", FULLNAME + "-gateway").path("data").has("openapi.yaml"));
        assertFalse(m.gatewayNginxConf().contains("location = /openapi.yaml"));
        assertFalse(m.gatewayNginxConf().contains("alias /etc/nginx/nimbus/openapi.yaml"));
    }
}
