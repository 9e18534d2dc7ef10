package org.nimbusdicom.query.security;

import org.nimbusdicom.testsupport.OidcTokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.query.QueryTestSupport;
import org.nimbusdicom.query.index.KafkaClients;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/**
 * QIDO-RS authorization with OIDC on, against the in-JVM WireMock OIDC provider: the service
 * fetches the provider's discovery document and JWKS and verifies real signed tokens. This
 * profile keeps the default roles claim path ({@code realm_access/roles}, Keycloak) and sets an
 * audience, both through the same NIMBUS_* variables a deployment uses.
 */
@QuarkusTest
@TestProfile(QueryAuthorizationMatrixTest.OidcOn.class)
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = {
        @ResourceArg(name = "migrate", value = "false"), @ResourceArg(name = "servers", value = "postgres,kafka")})
class QueryAuthorizationMatrixTest {

    static final String AUDIENCE = "nimbus-dicomweb";

    public static class OidcOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "NIMBUS_OIDC_ENABLED", "true",
                    "NIMBUS_OIDC_AUTH_SERVER_URL", "${keycloak.url}/realms/quarkus/",
                    "NIMBUS_OIDC_AUDIENCE", AUDIENCE,
                    // Kafka client security (PLAINTEXT here, so the broker ignores them), as a kafka.*
                    // property and as a KAFKA_* environment variable name
                    "kafka.sasl.mechanism", "SCRAM-SHA-512",
                    "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                    "quarkus.oidc.token.issuer", OidcTokens.ISSUER,
                    "smallrye.jwt.sign.key.location", "privateKey.jwk");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/studies", "/series", "/instances", "/studies/1.2.3/series", "/studies/1.2.3/instances",
            "/studies/1.2.3/series/4.5.6/instances"})
    void withoutATokenIs401(String path) {
        given().get(path).then().statusCode(401);
        given().head(path).then().statusCode(401);
    }

    @Test
    void invalidTokensAre401() {
        for (String token : List.of("not-a-jwt",
                OidcTokens.expired(AUDIENCE, "dicom.read"),
                OidcTokens.foreignKey(AUDIENCE, "dicom.read"),
                OidcTokens.otherIssuer(AUDIENCE, "dicom.read"),
                OidcTokens.keycloak("another-api", "dicom.read"),
                OidcTokens.keycloak(null, "dicom.read"))) {
            given().auth().oauth2(token).get("/studies").then().statusCode(401);
        }
    }

    @Test
    void validTokenWithoutTheReadRoleIs403() {
        given().auth().oauth2(OidcTokens.keycloak(AUDIENCE, "dicom.write", "dicom.delete")).get("/studies")
                .then().statusCode(403);
        given().auth().oauth2(OidcTokens.keycloak(AUDIENCE)).get("/series").then().statusCode(403);
        // the roles claim path decides: dicom.read at the top-level "roles" claim does not count here
        given().auth().oauth2(OidcTokens.entra(AUDIENCE, "dicom.read")).get("/instances").then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/studies", "/series", "/instances", "/studies/1.2.3/series", "/studies/1.2.3/instances",
            "/studies/1.2.3/series/4.5.6/instances"})
    void theReadRoleGetsThrough(String path) {
        String token = OidcTokens.keycloak(AUDIENCE, "dicom.read");
        given().auth().oauth2(token).get(path).then().statusCode(anyOf(is(200), is(204)));
        given().auth().oauth2(token).head(path).then().statusCode(not(anyOf(is(401), is(403))));
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        given().get("/q/health/ready").then().statusCode(not(anyOf(is(401), is(403)))).body("status", notNullValue());
        given().get("/q/health/live").then().statusCode(not(anyOf(is(401), is(403)))).body("status", notNullValue());
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Inject
    KafkaClients kafkaClients;

    @Test
    void kafkaSecuritySettingsReachTheIndexersClients() {
        Map<String, Object> base = kafkaClients.base();
        assertEquals("SCRAM-SHA-512", base.get("sasl.mechanism"));
        assertEquals("PEM", base.get("ssl.truststore.type"));
    }

    @Test
    void indexProgressWaitNeedsAServiceTokenWithTheInternalRole() {
        // store/delete call this with a client credentials token (role dicom.internal); users cannot
        io.restassured.specification.RequestSpecification wait = given().queryParam("topic", QueryTestSupport.TOPIC)
                .queryParam("partition", 0).queryParam("offset", 1_000_000_000L).queryParam("timeoutMs", 0);
        wait.get("/internal/index-progress/wait").then().statusCode(401);
        given().auth().oauth2(OidcTokens.keycloak(AUDIENCE, "dicom.read", "dicom.write", "dicom.delete"))
                .queryParam("topic", QueryTestSupport.TOPIC).queryParam("partition", 0).queryParam("offset", 1)
                .get("/internal/index-progress/wait").then().statusCode(403);
        given().auth().oauth2(OidcTokens.keycloak("another-api", "dicom.internal"))
                .queryParam("topic", QueryTestSupport.TOPIC).queryParam("partition", 0).queryParam("offset", 1)
                .get("/internal/index-progress/wait").then().statusCode(401);
        given().auth().oauth2(OidcTokens.keycloak(AUDIENCE, "dicom.internal"))
                .queryParam("topic", QueryTestSupport.TOPIC).queryParam("partition", 0)
                .queryParam("offset", 1_000_000_000L).queryParam("timeoutMs", 0)
                .get("/internal/index-progress/wait").then().statusCode(200).body("applied", is(false));
    }
}
