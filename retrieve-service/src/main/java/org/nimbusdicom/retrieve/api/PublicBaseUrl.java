package org.nimbusdicom.retrieve.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The absolute base URL that Content-Location and BulkDataURI values start with:
 * {@code nimbus.public-base-url} when set, else the request's base URI (which honours
 * X-Forwarded-Host/Proto/Port/Prefix through {@code quarkus.http.proxy.*}); no trailing slash.
 */
@ApplicationScoped
public class PublicBaseUrl {

    private final Optional<String> configured;

    public PublicBaseUrl(@ConfigProperty(name = "nimbus.public-base-url") Optional<String> configured) {
        this.configured = configured.map(String::trim).filter(s -> !s.isEmpty()).map(PublicBaseUrl::stripSlash);
    }

    /** The base URL for this request. */
    public String of(UriInfo uriInfo) {
        return configured.orElseGet(() -> stripSlash(uriInfo.getBaseUri().toString()));
    }

    private static String stripSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
