package org.nimbusdicom.delete.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.nimbusdicom.delete.service.DeleteOrchestrator;
import org.nimbusdicom.delete.service.DeleteOutcome;

/**
 * DELETE of a study, series or instance (not part of PS3.18; same semantics as Microsoft's
 * DICOM server). 204 once the deletion is durable; the index is normally updated too, otherwise
 * the answer carries {@value #INDEX_WARNING}.
 */
@Path("/studies")
@Tag(name = "Delete", description = "Delete studies, series and instances")
@Produces(MediaType.APPLICATION_JSON)
public class DeleteResource {

    /** Warning header value when the index did not apply the delete within the wait timeout. */
    public static final String INDEX_WARNING = "199 nimbus \"index not yet updated\"";

    private final DeleteOrchestrator orchestrator;

    public DeleteResource(DeleteOrchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    @DELETE
    @Path("/{study}")
    @Operation(operationId = "deleteStudy", summary = "Delete a study",
            description = "Deletes every instance of the study. Storage is cleaned up asynchronously.")
    @APIResponse(responseCode = "204", description = "Deleted", headers = @Header(name = "Warning",
            description = "199 nimbus \"index not yet updated\" when searches may still list it for a moment",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid StudyInstanceUID")
    @APIResponse(responseCode = "404", description = "No such study")
    @APIResponse(responseCode = "503", description = "Kafka or PostgreSQL unavailable; see Retry-After")
    public Response deleteStudy(@Parameter(description = "StudyInstanceUID") @PathParam("study") String study) {
        return noContent(orchestrator.deleteStudy(UidPathParameters.study(study)));
    }

    @DELETE
    @Path("/{study}/series/{series}")
    @Operation(operationId = "deleteSeries", summary = "Delete a series",
            description = "Deletes every instance of the series. Storage is cleaned up asynchronously.")
    @APIResponse(responseCode = "204", description = "Deleted", headers = @Header(name = "Warning",
            description = "199 nimbus \"index not yet updated\" when searches may still list it for a moment",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid UID")
    @APIResponse(responseCode = "404", description = "No such series in that study")
    @APIResponse(responseCode = "503", description = "Kafka or PostgreSQL unavailable; see Retry-After")
    public Response deleteSeries(@Parameter(description = "StudyInstanceUID") @PathParam("study") String study,
            @Parameter(description = "SeriesInstanceUID") @PathParam("series") String series) {
        return noContent(orchestrator.deleteSeries(UidPathParameters.series(study, series)));
    }

    @DELETE
    @Path("/{study}/series/{series}/instances/{instance}")
    @Operation(operationId = "deleteInstance", summary = "Delete an instance",
            description = "Deletes one instance. Storage is cleaned up asynchronously.")
    @APIResponse(responseCode = "204", description = "Deleted", headers = @Header(name = "Warning",
            description = "199 nimbus \"index not yet updated\" when searches may still list it for a moment",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Invalid UID")
    @APIResponse(responseCode = "404", description = "No such instance in that series and study")
    @APIResponse(responseCode = "503", description = "Kafka or PostgreSQL unavailable; see Retry-After")
    public Response deleteInstance(@Parameter(description = "StudyInstanceUID") @PathParam("study") String study,
            @Parameter(description = "SeriesInstanceUID") @PathParam("series") String series,
            @Parameter(description = "SOPInstanceUID") @PathParam("instance") String instance) {
        return noContent(orchestrator.deleteInstance(UidPathParameters.instance(study, series, instance)));
    }

    private static Response noContent(DeleteOutcome outcome) {
        Response.ResponseBuilder response = Response.noContent();
        if (!outcome.indexApplied()) {
            response.header("Warning", INDEX_WARNING);
        }
        return response.build();
    }
}
