package org.nimbusdicom.store.api;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.nimbusdicom.common.mime.MediaTypes;
import org.nimbusdicom.common.openapi.DicomJsonDataset;
import org.nimbusdicom.store.ingest.StoreOrchestrator;
import org.nimbusdicom.store.ingest.StoreResult;

/**
 * STOW-RS (PS3.18 §10.5): {@code POST /studies} and {@code POST /studies/{study}}. Thin: hands
 * the streamed body to {@link StoreOrchestrator} and maps its result to the HTTP answer. 401/403
 * and bearerAuth come from the shared {@code DicomWebSecurityFilter} (common).
 */
@Path("/studies")
@Tag(name = "Store", description = "STOW-RS")
public class StudiesStoreResource {

    /** Warning sent when the indexer did not confirm the new instances in time. */
    static final String INDEX_WARNING = "199 nimbus \"index not yet updated\"";

    private final StoreOrchestrator orchestrator;
    private final Optional<String> publicBaseUrl;

    public StudiesStoreResource(StoreOrchestrator orchestrator,
            @ConfigProperty(name = "nimbus.public-base-url") Optional<String> publicBaseUrl) {
        this.orchestrator = orchestrator;
        this.publicBaseUrl = publicBaseUrl.filter(s -> !s.isBlank());
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaTypes.APPLICATION_DICOM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "storeInstances", summary = "Store instances (STOW-RS)",
            description = "Stores the DICOM Part 10 instances of a multipart/related; type=\"application/dicom\" body "
                    + "(or a single application/dicom body). Answers after every stored instance is durable in the "
                    + "object store and on the event topic, and (bounded wait) indexed.")
    @RequestBody(required = true, content = {
        @Content(mediaType = "multipart/related; type=\"application/dicom\"",
                schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = MediaTypes.APPLICATION_DICOM, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "All instances stored",
            content = @Content(mediaType = MediaTypes.APPLICATION_DICOM_JSON, schema = @Schema(implementation = DicomJsonDataset.class)),
            headers = @Header(name = "Warning", description = "199 nimbus \"index not yet updated\" when the index wait timed out",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "202", description = "Some instances stored, some failed (FailedSOPSequence)",
            content = @Content(mediaType = MediaTypes.APPLICATION_DICOM_JSON, schema = @Schema(implementation = DicomJsonDataset.class)))
    @APIResponse(responseCode = "400", description = "Malformed request (multipart framing, invalid study UID)")
    @APIResponse(responseCode = "409", description = "No instance stored (FailedSOPSequence with FailureReason)",
            content = @Content(mediaType = MediaTypes.APPLICATION_DICOM_JSON, schema = @Schema(implementation = DicomJsonDataset.class)))
    @APIResponse(responseCode = "413", description = "Request body or a part over the configured limit")
    @APIResponse(responseCode = "415", description = "Missing or unsupported Content-Type")
    @APIResponse(responseCode = "503", description = "Object store, Kafka or database unavailable")
    public Response storeInstances(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context UriInfo uriInfo) {
        return respond(orchestrator.store(body, contentType, null), uriInfo);
    }

    @POST
    @Path("{study}")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaTypes.APPLICATION_DICOM_JSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "storeInstancesInStudy", summary = "Store instances into a study (STOW-RS)",
            description = "As storeInstances, but every instance must belong to the study of the URL; "
                    + "others fail with FailureReason 43265.")
    @RequestBody(required = true, content = {
        @Content(mediaType = "multipart/related; type=\"application/dicom\"",
                schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(mediaType = MediaTypes.APPLICATION_DICOM, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "All instances stored",
            content = @Content(mediaType = MediaTypes.APPLICATION_DICOM_JSON, schema = @Schema(implementation = DicomJsonDataset.class)),
            headers = @Header(name = "Warning", description = "199 nimbus \"index not yet updated\" when the index wait timed out",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "202", description = "Some instances stored, some failed (FailedSOPSequence)",
            content = @Content(mediaType = MediaTypes.APPLICATION_DICOM_JSON, schema = @Schema(implementation = DicomJsonDataset.class)))
    @APIResponse(responseCode = "400", description = "Malformed request or invalid study UID")
    @APIResponse(responseCode = "409", description = "No instance stored (FailedSOPSequence with FailureReason)",
            content = @Content(mediaType = MediaTypes.APPLICATION_DICOM_JSON, schema = @Schema(implementation = DicomJsonDataset.class)))
    @APIResponse(responseCode = "413", description = "Request body or a part over the configured limit")
    @APIResponse(responseCode = "415", description = "Missing or unsupported Content-Type")
    @APIResponse(responseCode = "503", description = "Object store, Kafka or database unavailable")
    public Response storeInstancesInStudy(
            @Parameter(description = "StudyInstanceUID") @PathParam("study") String study,
            InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context UriInfo uriInfo) {
        return respond(orchestrator.store(body, contentType, study), uriInfo);
    }

    private Response respond(StoreResult result, UriInfo uriInfo) {
        String base = publicBaseUrl.orElseGet(() -> uriInfo.getBaseUri().toString());
        Response.ResponseBuilder response = Response.status(result.httpStatus())
                .type(MediaTypes.APPLICATION_DICOM_JSON)
                .entity(new StoreResponseBuilder(base).build(result));
        if (!result.indexUpdated()) {
            response.header("Warning", INDEX_WARNING);
        }
        if (result.retryAfterSeconds() != null) {
            response.header("Retry-After", result.retryAfterSeconds());
        }
        return response.build();
    }
}
