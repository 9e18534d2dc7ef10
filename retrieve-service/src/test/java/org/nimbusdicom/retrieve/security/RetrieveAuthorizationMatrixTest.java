package org.nimbusdicom.retrieve.security;

import org.nimbusdicom.testsupport.OidcTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * WADO-RS authorization with OIDC on, against the in-JVM WireMock OIDC provider (discovery, JWKS,
 * real signed tokens). This profile sets NIMBUS_OIDC_ROLES_CLAIM_PATH=roles (Entra ID app roles):
 * roles at the top-level {@code roles} claim count, Keycloak's {@code realm_access/roles} does not.
 */
@QuarkusTest
@TestProfile(RetrieveAuthorizationMatrixTest.OidcOnEntraRoles.class)
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = @ResourceArg(name = "servers", value = "postgres,s3"))
class RetrieveAuthorizationMatrixTest {

    public static class OidcOnEntraRoles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "NIMBUS_OIDC_ENABLED", "true",
                    "NIMBUS_OIDC_AUTH_SERVER_URL", "${keycloak.url}/realms/quarkus/",
                    "NIMBUS_OIDC_ROLES_CLAIM_PATH", "roles",
                    "quarkus.oidc.token.issuer", OidcTokens.ISSUER,
                    "smallrye.jwt.sign.key.location", "privateKey.jwk");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.404";
    private static final String SERIES = STUDY + ".1";
    private static final String INSTANCE = STUDY + ".1.1";

    @ParameterizedTest
    @ValueSource(strings = {"/studies/" + STUDY, "/studies/" + STUDY + "/metadata",
            "/studies/" + STUDY + "/series/" + SERIES + "/metadata",
            "/studies/" + STUDY + "/series/" + SERIES + "/instances/" + INSTANCE,
            "/studies/" + STUDY + "/series/" + SERIES + "/instances/" + INSTANCE + "/frames/1"})
    void withoutATokenIs401(String path) {
        given().get(path).then().statusCode(401);
        given().head(path).then().statusCode(401);
    }

    @Test
    void invalidTokensAre401() {
        for (String token : List.of("not-a-jwt",
                OidcTokens.expired(null, "dicom.read"),
                OidcTokens.foreignKey(null, "dicom.read"),
                OidcTokens.otherIssuer(null, "dicom.read"))) {
            given().auth().oauth2(token).get("/studies/" + STUDY + "/metadata").then().statusCode(401);
        }
    }

    @Test
    void validTokenWithoutTheReadRoleIs403() {
        given().auth().oauth2(OidcTokens.entra(null, "dicom.write", "dicom.delete")).get("/studies/" + STUDY + "/metadata")
                .then().statusCode(403);
        given().auth().oauth2(OidcTokens.entra(null)).head("/studies/" + STUDY + "/metadata").then().statusCode(403);
        // with the roles claim path "roles", Keycloak's realm_access/roles no longer counts
        given().auth().oauth2(OidcTokens.keycloak(null, "dicom.read")).get("/studies/" + STUDY + "/metadata")
                .then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/studies/" + STUDY, "/studies/" + STUDY + "/metadata",
            "/studies/" + STUDY + "/series/" + SERIES + "/metadata",
            "/studies/" + STUDY + "/series/" + SERIES + "/instances/" + INSTANCE,
            "/studies/" + STUDY + "/series/" + SERIES + "/instances/" + INSTANCE + "/frames/1"})
    void theReadRoleAtTheConfiguredClaimPathGetsThrough(String path) {
        String token = OidcTokens.entra(null, "dicom.read");
        given().auth().oauth2(token).get(path).then().statusCode(not(anyOf(is(401), is(403))));
        given().auth().oauth2(token).head(path).then().statusCode(not(anyOf(is(401), is(403))));
    }

    @Test
    void unknownStudyWithTheRoleIsABusiness404() {
        given().auth().oauth2(OidcTokens.entra(null, "dicom.read")).get("/studies/" + STUDY + "/metadata")
                .then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        given().get("/q/health/ready").then().statusCode(not(anyOf(is(401), is(403)))).body("status", notNullValue());
        given().get("/q/health/live").then().statusCode(not(anyOf(is(401), is(403)))).body("status", notNullValue());
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
