package org.nimbusdicom.store.security;

import org.nimbusdicom.testsupport.OidcTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
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
class StoreAuthorizationMatrixTest {

    public static class OidcOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "NIMBUS_OIDC_ENABLED", "true",
                    "NIMBUS_OIDC_AUTH_SERVER_URL", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.token.issuer", OidcTokens.ISSUER,
                    "smallrye.jwt.sign.key.location", "privateKey.jwk");
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
    void healthMetricsAndOpenApiAreOpen() {
        given().get("/q/health/ready").then().statusCode(not(anyOf(is(401), is(403)))).body("status", notNullValue());
        given().get("/q/health/live").then().statusCode(not(anyOf(is(401), is(403)))).body("status", notNullValue());
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
