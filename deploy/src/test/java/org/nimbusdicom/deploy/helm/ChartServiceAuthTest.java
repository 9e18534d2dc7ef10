package org.nimbusdicom.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nimbusdicom.deploy.helm.Chart.sets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Service to service with OIDC on: store and delete get the service client's secret (client
 * credentials for query-service's /internal/*), every service the client id and internal role.
 */
class ChartServiceAuthTest {

    private static Chart.Manifests oidcOn(Object... more) {
        Object[] base = {"oidc.enabled", true, "oidc.authServerUrl", "https://auth.example.org/realms/nimbus",
                "oidc.serviceClient.existingSecret", "nimbus-oidc-services"};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Chart.render(sets(all));
    }

    @Test
    void storeAndDeleteGetTheServiceClientSecret() {
        Chart.Manifests m = oidcOn("oidc.serviceClient.scopes", "api://nimbus/.default");
        for (String service : new String[] {"store", "delete"}) {
            JsonNode env = m.env(service, "NIMBUS_OIDC_SERVICE_CLIENT_SECRET");
            assertEquals("nimbus-oidc-services", env.path("valueFrom").path("secretKeyRef").path("name").asText(), service);
            assertEquals("client-secret", env.path("valueFrom").path("secretKeyRef").path("key").asText(), service);
        }
        assertNull(m.env("query", "NIMBUS_OIDC_SERVICE_CLIENT_SECRET"), "query-service only checks the tokens");
        assertNull(m.env("retrieve", "NIMBUS_OIDC_SERVICE_CLIENT_SECRET"));
        JsonNode config = m.config();
        assertEquals("true", config.path("NIMBUS_OIDC_INTERNAL_AUTH").asText());
        assertEquals("nimbus-services", config.path("NIMBUS_OIDC_SERVICE_CLIENT_ID").asText());
        assertEquals("dicom.internal", config.path("NIMBUS_OIDC_INTERNAL_ROLE").asText());
        assertEquals("api://nimbus/.default", config.path("NIMBUS_OIDC_SERVICE_SCOPES").asText());
        assertFalse(m.text.contains("client-secret-value"), "no secret inlined");
    }

    @Test
    void oidcWithoutTheServiceClientSecretIsRefused() {
        Exception e = assertThrows(Exception.class, () -> Chart.render(sets("oidc.enabled", true,
                "oidc.authServerUrl", "https://auth.example.org/realms/nimbus")));
        assertTrue(e.getMessage().contains("oidc.serviceClient.existingSecret"), e.getMessage());
    }

    @Test
    void serviceClientOffLeavesInternalToTheNetworkPolicy() {
        Chart.Manifests m = oidcOn("oidc.serviceClient.enabled", false);
        assertEquals("false", m.config().path("NIMBUS_OIDC_INTERNAL_AUTH").asText());
        assertFalse(m.config().has("NIMBUS_OIDC_SERVICE_CLIENT_ID"));
        assertNull(m.env("store", "NIMBUS_OIDC_SERVICE_CLIENT_SECRET"));
    }

    @Test
    void oidcOffSetsNothing() {
        Chart.Manifests m = Chart.render();
        assertFalse(m.config().has("NIMBUS_OIDC_INTERNAL_AUTH"));
        assertNull(m.env("store", "NIMBUS_OIDC_SERVICE_CLIENT_SECRET"));
        assertNull(m.env("delete", "NIMBUS_OIDC_SERVICE_CLIENT_SECRET"));
    }

    @Test
    void examplesWireTheServiceClient() {
        for (String example : new String[] {"values-aws.yaml", "values-incluster.yaml"}) {
            Chart.Manifests m = Chart.renderExample(example, sets());
            assertEquals("nimbus-oidc-services", m.env("store", "NIMBUS_OIDC_SERVICE_CLIENT_SECRET").path("valueFrom")
                    .path("secretKeyRef").path("name").asText(), example);
            assertEquals("true", m.config().path("NIMBUS_OIDC_INTERNAL_AUTH").asText(), example);
        }
    }
}
