package org.nimbusdicom.common.openapi;

import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the error body of every DICOMweb operation in one place: each 4xx/5xx answer of the
 * services (except 401/403, which the OIDC layer sends without a body, and STOW's 409, whose body
 * is the DICOM JSON response) is an {@code application/json} {@code ErrorResponse}
 * ({@code org.nimbusdicom.common.error.DicomWebExceptionMapper} builds them all, 416 included), and
 * every 503 carries {@code Retry-After}. An answer that already declares a body or the header keeps
 * its own. Runs after {@link DicomWebSecurityFilter} from {@link DicomWebOpenApiFilter}.
 */
final class ErrorBodyFilter {

    static final String ERROR_RESPONSE = "#/components/schemas/ErrorResponse";
    /** Answers sent by the OIDC layer (no body) or with a DICOM body of their own. */
    private static final Set<String> NOT_ERROR_RESPONSE = Set.of("401", "403", "409");

    private ErrorBodyFilter() {
    }

    static void filter(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean used = false;
        for (var entry : openAPI.getPaths().getPathItems().entrySet()) {
            if (!DicomWebSecurityFilter.isDicomWeb(entry.getKey())) {
                continue;
            }
            for (var operation : entry.getValue().getOperations().values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (var response : operation.getResponses().getAPIResponses().entrySet()) {
                    used |= document(response.getKey(), response.getValue());
                }
            }
        }
        if (used) {
            ensureErrorResponseSchema(openAPI);
        }
    }

    /** @return true when the answer refers to the ErrorResponse schema */
    private static boolean document(String code, APIResponse response) {
        boolean error = code.startsWith("4") || code.startsWith("5");
        if (!error || NOT_ERROR_RESPONSE.contains(code)) {
            return false;
        }
        if ("503".equals(code) && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("seconds after which the request may succeed (a dependency is down)")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        Content content = response.getContent();
        if (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty()) {
            response.setContent(OASFactory.createContent().addMediaType("application/json",
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_RESPONSE))));
            return true;
        }
        return content.getMediaTypes().values().stream()
                .anyMatch(m -> m.getSchema() != null && ERROR_RESPONSE.equals(m.getSchema().getRef()));
    }

    /** The ErrorResponse component, when no annotation made the scanner add it. */
    private static void ensureErrorResponseSchema(OpenAPI openAPI) {
        var components = openAPI.getComponents();
        if (components.getSchemas() != null && components.getSchemas().containsKey("ErrorResponse")) {
            return;
        }
        // exactly what the annotation scanner makes of org.nimbusdicom.common.error.ErrorResponse in the
        // services that reference the class, so the merged document sees one definition
        components.addSchema("ErrorResponse", OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("failureReason", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")));
    }
}
