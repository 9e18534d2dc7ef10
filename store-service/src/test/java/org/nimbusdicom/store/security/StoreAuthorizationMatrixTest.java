package org.nimbusdicom.store.security;

import org.nimbusdicom.testsupport.OidcTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nimbusdicom.store.event.IndexProgressStub;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * STOW-RS authorization with OIDC on, against the in-JVM WireMock OIDC provider (discovery, JWKS,
 * real signed tokens). Default roles claim path ({@code realm_access/roles}, Keycloak), switched
 * on through NIMBUS_OIDC_ENABLED like a deployment.
 */
@QuarkusTest
@TestProfile(StoreAuthorizationMatrixTest.OidcOn.class)
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(IndexProgressStub.class)
public class StoreAuthorizationMatrixTest {

    public static class OidcOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Map.of(
                    "NIMBUS_OIDC_ENABLED", "true",
                    "NIMBUS_OIDC_AUTH_SERVER_URL", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.token.issuer", OidcTokens.ISSUER,
                    "smallrye.jwt.sign.key.location", "privateKey.jwk",
                    // the services' client: client credentials at the provider's token endpoint
                    "NIMBUS_OIDC_SERVICE_CLIENT_ID", "quarkus-app",
                    "NIMBUS_OIDC_SERVICE_CLIENT_SECRET", "secret",
                    "quarkus.oidc-client.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc-client.discovery-enabled", "false",
                    "quarkus.oidc-client.token-path", "/token"));
            // Kafka client security reaches the producer (PLAINTEXT here, so the broker ignores them):
            // as a kafka.* property and as a KAFKA_* environment variable name (see KafkaSecurityWiringTest)
            config.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
            config.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    /** Not a valid STOW body: with the right role the request fails for business reasons only. */
    private static RequestSpecification stow() {
        return given().contentType("application/json").body("{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/studies", "/studies/1.2.3"})
    void withoutATokenIs401(String path) {
        stow().post(path).then().statusCode(401);
    }

    @Test
    void invalidTokensAre401() {
        for (String token : List.of("not-a-jwt",
                OidcTokens.expired(null, "dicom.write"),
                OidcTokens.foreignKey(null, "dicom.write"),
                OidcTokens.otherIssuer(null, "dicom.write"))) {
            stow().auth().oauth2(token).post("/studies").then().statusCode(401);
        }
    }

    @Test
    void validTokenWithoutTheWriteRoleIs403() {
        stow().auth().oauth2(OidcTokens.keycloak(null, "dicom.read", "dicom.delete")).post("/studies")
                .then().statusCode(403);
        stow().auth().oauth2(OidcTokens.keycloak(null)).post("/studies/1.2.3").then().statusCode(403);
        // the roles claim path decides: dicom.write at the top-level "roles" claim does not count here
        stow().auth().oauth2(OidcTokens.entra(null, "dicom.write")).post("/studies").then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/studies", "/studies/1.2.3"})
    void theWriteRoleGetsThrough(String path) {
        stow().auth().oauth2(OidcTokens.keycloak(null, "dicom.write")).post(path)
                .then().statusCode(not(anyOf(is(401), is(403))));
    }

    @Test
    void theIndexProgressWaitCarriesAClientCredentialsToken() throws Exception {
        byte[] instance;
        try (java.io.InputStream in = getClass().getResourceAsStream("/seed/green-square.dcm")) {
            instance = in.readAllBytes();
        }
        IndexProgressStub.reset(IndexProgressStub.Mode.APPLIED);
        String callerToken = OidcTokens.keycloak(null, "dicom.write");
        given().auth().oauth2(callerToken).contentType("application/dicom").body(instance)
                .post("/studies").then().statusCode(200).header("Warning", nullValue());
        List<String> sent = IndexProgressStub.authorizations();
        assertFalse(sent.isEmpty(), "STOW waited for the index");
        for (String authorization : sent) {
            // the provider's client credentials token (a JWT of its own), not the caller's token
            assertTrue(authorization.startsWith("Bearer ey"), authorization);
            assertNotEquals("Bearer " + callerToken, authorization);
            String payload = new String(Base64.getUrlDecoder().decode(authorization.split("\\.")[1]), StandardCharsets.UTF_8);
            assertTrue(payload.contains("\"preferred_username\":\"alice\"") && !payload.contains("realm_access"), payload);
        }
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        given().get("/q/health/ready").then().statusCode(not(anyOf(is(401), is(403)))).body("status", notNullValue());
        given().get("/q/health/live").then().statusCode(not(anyOf(is(401), is(403)))).body("status", notNullValue());
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
