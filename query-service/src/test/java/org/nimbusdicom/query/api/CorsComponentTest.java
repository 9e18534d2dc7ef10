package org.nimbusdicom.query.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import org.nimbusdicom.testsupport.OidcTokens;

/**
 * CORS for a browser viewer on another origin, with OIDC on: the policy comes from the shared
 * configuration in {@code common} (methods, exposed headers, max age), switched on by the same
 * NIMBUS_CORS_* variables a deployment sets. Preflights need no token; error answers carry the
 * CORS headers too, so the viewer can read why it failed; other origins are refused.
 */
@QuarkusTest
@TestProfile(CorsComponentTest.CorsAndOidcOn.class)
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = {
        @ResourceArg(name = "migrate", value = "false"), @ResourceArg(name = "servers", value = "postgres,kafka")})
class CorsComponentTest {

    static final String VIEWER = "http://viewer.example.org";
    static final String AUDIENCE = "nimbus-dicomweb";

    public static class CorsAndOidcOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "NIMBUS_CORS_ENABLED", "true",
                    "NIMBUS_CORS_ORIGINS", VIEWER + ",/https://.*\\.viewer\\.example\\.net/",
                    "NIMBUS_OIDC_ENABLED", "true",
                    "NIMBUS_OIDC_AUTH_SERVER_URL", "${keycloak.url}/realms/quarkus/",
                    "NIMBUS_OIDC_AUDIENCE", AUDIENCE,
                    "quarkus.oidc.token.issuer", OidcTokens.ISSUER,
                    "smallrye.jwt.sign.key.location", "privateKey.jwk");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @Test
    void preflightIsAnsweredWithoutAToken() {
        given().header("Origin", VIEWER)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,accept")
                .options("/studies")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", VIEWER)
                .header("Access-Control-Allow-Methods", containsString("DELETE"))
                .header("Access-Control-Allow-Headers", containsString("authorization"))
                .header("Access-Control-Max-Age", "86400");
    }

    @Test
    void qidoAnswersCarryTheOriginAndExposeTheDicomWebHeaders() {
        given().header("Origin", VIEWER)
                .auth().oauth2(OidcTokens.keycloak(AUDIENCE, "dicom.read"))
                .get("/studies?limit=1")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(204)))
                .header("Access-Control-Allow-Origin", VIEWER)
                .header("Access-Control-Expose-Headers", containsString("Warning"))
                .header("Access-Control-Expose-Headers", containsString("Content-Location"));
    }

    @Test
    void aMissingTokenIsA401TheViewerCanRead() {
        given().header("Origin", VIEWER).get("/studies")
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", VIEWER);
    }

    @Test
    void originsMayBePatterns() {
        given().header("Origin", "https://ward3.viewer.example.net")
                .header("Access-Control-Request-Method", "GET")
                .options("/studies")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalToIgnoringCase("https://ward3.viewer.example.net"));
    }

    @Test
    void otherOriginsAreRefused() {
        given().header("Origin", "http://evil.example.com")
                .auth().oauth2(OidcTokens.keycloak(AUDIENCE, "dicom.read"))
                .get("/studies")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
