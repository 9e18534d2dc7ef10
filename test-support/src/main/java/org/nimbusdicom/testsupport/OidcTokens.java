package org.nimbusdicom.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Access tokens for the services' authorization matrix tests, signed with the key of the in-JVM WireMock
 * OIDC provider ({@code OidcWiremockTestResource}: {@code privateKey.jwk}, kid 1, issuer
 * {@code https://server.example.com}), so the service verifies them against the provider's JWKS.
 */
public final class OidcTokens {

    public static final String ISSUER = "https://server.example.com";

    private OidcTokens() {
    }

    /** Keycloak shape: roles in {@code realm_access/roles}. */
    public static String keycloak(String audience, String... roles) {
        return base(audience).claim("realm_access", Map.of("roles", List.of(roles))).jws().keyId("1").sign();
    }

    /** Entra ID shape: app roles in a top-level {@code roles} array. */
    public static String entra(String audience, String... roles) {
        return base(audience).claim("roles", List.of(roles)).jws().keyId("1").sign();
    }

    /** Plain OAuth2: space-separated {@code scope} string. */
    public static String scope(String audience, String scope) {
        return base(audience).claim("scope", scope).jws().keyId("1").sign();
    }

    /** Keycloak shape, correctly signed, but expired an hour ago. */
    public static String expired(String audience, String... roles) {
        Instant now = Instant.now();
        return base(audience).issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600))
                .claim("realm_access", Map.of("roles", List.of(roles))).jws().keyId("1").sign();
    }

    /** Keycloak shape with the right claims, signed by a key the provider does not publish. */
    public static String foreignKey(String audience, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return base(audience).claim("realm_access", Map.of("roles", List.of(roles))).jws().keyId("1")
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keycloak shape, correctly signed, from another issuer. */
    public static String otherIssuer(String audience, String... roles) {
        return base(audience).issuer("https://evil.example.com").claim("realm_access", Map.of("roles", List.of(roles)))
                .jws().keyId("1").sign();
    }

    private static JwtClaimsBuilder base(String audience) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER).subject("alice").preferredUserName("alice").expiresIn(300);
        return audience == null ? builder : builder.audience(audience);
    }
}
