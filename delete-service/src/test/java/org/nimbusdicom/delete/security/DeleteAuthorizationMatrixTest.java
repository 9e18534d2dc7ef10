package org.nimbusdicom.delete.security;

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
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.nimbusdicom.delete.support.FakeQueryService;
import org.nimbusdicom.delete.support.Fixtures;
import software.amazon.awssdk.services.s3.S3Client;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * DELETE authorization with OIDC on, against the in-JVM WireMock OIDC provider (discovery, JWKS,
 * real signed tokens). This profile sets NIMBUS_OIDC_ROLES_CLAIM_PATH=scope (plain OAuth2 scopes):
 * the space-separated {@code scope} string carries the roles, {@code realm_access/roles} does not.
 */
@QuarkusTest
@TestProfile(DeleteAuthorizationMatrixTest.OidcOnScopes.class)
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(FakeQueryService.class)
class DeleteAuthorizationMatrixTest {

    public static class OidcOnScopes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "NIMBUS_OIDC_ENABLED", "true",
                    "NIMBUS_OIDC_AUTH_SERVER_URL", "${keycloak.url}/realms/quarkus/",
                    "NIMBUS_OIDC_ROLES_CLAIM_PATH", "scope",
                    "quarkus.oidc.token.issuer", OidcTokens.ISSUER,
                    "smallrye.jwt.sign.key.location", "privateKey.jwk",
                    // the services' client: client credentials at the provider's token endpoint
                    "NIMBUS_OIDC_SERVICE_CLIENT_ID", "quarkus-app",
                    "NIMBUS_OIDC_SERVICE_CLIENT_SECRET", "secret",
                    "quarkus.oidc-client.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc-client.discovery-enabled", "false",
                    "quarkus.oidc-client.token-path", "/token");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.40401";

    @ParameterizedTest
    @ValueSource(strings = {"/studies/" + STUDY, "/studies/" + STUDY + "/series/" + STUDY + ".1",
            "/studies/" + STUDY + "/series/" + STUDY + ".1/instances/" + STUDY + ".1.1"})
    void withoutATokenIs401(String path) {
        given().delete(path).then().statusCode(401);
    }

    @Test
    void invalidTokensAre401() {
        for (String token : List.of("not-a-jwt",
                OidcTokens.expired(null, "dicom.delete"),
                OidcTokens.foreignKey(null, "dicom.delete"),
                OidcTokens.otherIssuer(null, "dicom.delete"))) {
            given().auth().oauth2(token).delete("/studies/" + STUDY).then().statusCode(401);
        }
    }

    @Test
    void validTokenWithoutTheDeleteRoleIs403() {
        given().auth().oauth2(OidcTokens.scope(null, "openid dicom.read dicom.write")).delete("/studies/" + STUDY)
                .then().statusCode(403);
        given().auth().oauth2(OidcTokens.scope(null, "openid")).delete("/studies/" + STUDY + "/series/" + STUDY + ".1")
                .then().statusCode(403);
        // with the roles claim path "scope", Keycloak's realm_access/roles no longer counts
        given().auth().oauth2(OidcTokens.keycloak(null, "dicom.delete")).delete("/studies/" + STUDY).then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/studies/" + STUDY, "/studies/" + STUDY + "/series/" + STUDY + ".1",
            "/studies/" + STUDY + "/series/" + STUDY + ".1/instances/" + STUDY + ".1.1"})
    void theDeleteScopeGetsThrough(String path) {
        given().auth().oauth2(OidcTokens.scope(null, "openid profile dicom.delete")).delete(path)
                .then().statusCode(not(anyOf(is(401), is(403))));
    }

    @Inject
    S3Client s3;

    @Test
    void theIndexProgressWaitCarriesAClientCredentialsToken() throws Exception {
        String study = Fixtures.newUid();
        new Fixtures(s3).study(study, 1, 1);
        String callerToken = OidcTokens.scope(null, "openid dicom.delete");
        given().auth().oauth2(callerToken).delete("/studies/" + study).then().statusCode(204)
                .header("Warning", nullValue());
        String fake = ConfigProvider.getConfig().getValue("nimbus.query-service.url", String.class);
        String sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake + "/control/authorizations")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertFalse(sent.isBlank(), "DELETE waited for the index");
        for (String authorization : sent.split("\n")) {
            // the provider's client credentials token (a JWT of its own), not the caller's token
            assertTrue(authorization.startsWith("Bearer ey"), authorization);
            assertNotEquals("Bearer " + callerToken, authorization);
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
