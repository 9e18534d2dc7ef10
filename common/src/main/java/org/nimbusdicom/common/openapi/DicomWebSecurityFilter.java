package org.nimbusdicom.common.openapi;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents the OIDC protection of the DICOMweb API in each service's own OpenAPI document, in one
 * place instead of on every resource method: the {@code bearerAuth} scheme (HTTP bearer, JWT) and, on
 * every operation under {@code /studies}, {@code /series} or {@code /instances}, the
 * {@code bearerAuth} requirement and the 401 and 403 answers (403 names the role the method needs,
 * as the services' {@code quarkus.http.auth.permission.*} settings require it: POST
 * {@code dicom.write}, GET/HEAD {@code dicom.read}, DELETE {@code dicom.delete}). An operation that
 * declares 401 or 403 itself keeps its own. {@code /internal/*} is not touched: it is
 * service-to-service and left out of the published document.
 *
 * <p>Registered per service with {@code mp.openapi.filter}; Quarkus runs it at build time, so the
 * stored {@code target/openapi} documents and {@code /q/openapi} both carry it. The services set
 * {@code quarkus.smallrye-openapi.auto-add-security=false} so this is their only security scheme.
 */
public class DicomWebSecurityFilter implements OASFilter {

    public static final String SCHEME = "bearerAuth";
    static final String UNAUTHORIZED = "OIDC on: no bearer token, or an invalid one (signature, issuer, audience, expiry)";
    static final String FORBIDDEN = "OIDC on: the token lacks the role ";

    /** The role each HTTP method needs (the services' quarkus.http.auth.permission.* policies). */
    static final Map<PathItem.HttpMethod, String> ROLES = Map.of(
            PathItem.HttpMethod.GET, "dicom.read",
            PathItem.HttpMethod.HEAD, "dicom.read",
            PathItem.HttpMethod.POST, "dicom.write",
            PathItem.HttpMethod.DELETE, "dicom.delete");

    private static final List<String> DICOMWEB_ROOTS = List.of("/studies", "/series", "/instances");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(SCHEME)) {
            components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.HTTP)
                    .scheme("bearer")
                    .bearerFormat("JWT")
                    .description("An OIDC access token (Keycloak, Entra ID, ...); not needed when auth is off"));
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!isDicomWeb(path)) {
                return;
            }
            item.getOperations().forEach((method, operation) -> {
                String role = ROLES.get(method);
                // a method no permission covers (none today) gets nothing: MergedOpenApiTest then
                // fails on its missing 401/403 instead of the document claiming a role
                if (role != null) {
                    secure(operation, role);
                }
            });
        });
    }

    static boolean isDicomWeb(String path) {
        for (String root : DICOMWEB_ROOTS) {
            if (path.equals(root) || path.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }

    private static void secure(Operation operation, String role) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (!responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse().description(UNAUTHORIZED));
        }
        if (!responses.hasAPIResponse("403")) {
            responses.addAPIResponse("403", OASFactory.createAPIResponse().description(FORBIDDEN + role));
        }
        // status codes in order (the added ones would otherwise trail the declared ones)
        responses.setAPIResponses(new TreeMap<>(responses.getAPIResponses()));
        List<SecurityRequirement> security = operation.getSecurity();
        boolean present = security != null && security.stream().anyMatch(r -> r.hasScheme(SCHEME));
        if (!present) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
        }
    }
}
