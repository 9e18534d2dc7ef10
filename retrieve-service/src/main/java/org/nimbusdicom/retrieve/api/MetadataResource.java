package org.nimbusdicom.retrieve.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.nimbusdicom.common.openapi.DicomJsonDataset;
import org.nimbusdicom.retrieve.metadata.MetadataRetrieveService;

/**
 * WADO-RS metadata at study, series and instance level (PS3.18 §10.4.1.1.2), DICOM JSON. 401/403
 * and bearerAuth come from the shared {@code DicomWebSecurityFilter} (common).
 */
@Path("/studies")
@Tag(name = "Retrieve (WADO-RS)")
public class MetadataResource {

    private final MetadataRetrieveService service;
    private final PublicBaseUrl publicBaseUrl;

    public MetadataResource(MetadataRetrieveService service, PublicBaseUrl publicBaseUrl) {
        this.service = service;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GET
    @Path("/{study}/metadata")
    @Operation(operationId = "retrieveStudyMetadata", summary = "DICOM JSON of every instance of a study")
    @APIResponse(responseCode = "200", description = "JSON array, one object per instance; BulkDataURIs are absolute",
            content = @Content(mediaType = "application/dicom+json",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DicomJsonDataset.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the ETag")
    @APIResponse(responseCode = "400", description = "Invalid UID")
    @APIResponse(responseCode = "404", description = "Unknown study")
    @APIResponse(responseCode = "406", description = "Only application/dicom+json is produced")
    @APIResponse(responseCode = "503", description = "S3 or the index is unavailable (Retry-After)")
    public Response retrieveStudyMetadata(@PathParam("study") String study, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uriInfo) {
        return Responses.of(service.metadata(study, null, null, accept, ifNoneMatch, publicBaseUrl.of(uriInfo), false), false);
    }

    @HEAD
    @Path("/{study}/metadata")
    @Operation(operationId = "retrieveStudyMetadataHead", summary = "Headers (ETag) of study metadata")
    public Response retrieveStudyMetadataHead(@PathParam("study") String study, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uriInfo) {
        return Responses.of(service.metadata(study, null, null, accept, ifNoneMatch, publicBaseUrl.of(uriInfo), true), true);
    }

    @GET
    @Path("/{study}/series/{series}/metadata")
    @Operation(operationId = "retrieveSeriesMetadata", summary = "DICOM JSON of every instance of a series")
    @APIResponse(responseCode = "200", description = "JSON array, one object per instance; BulkDataURIs are absolute",
            content = @Content(mediaType = "application/dicom+json",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DicomJsonDataset.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the ETag")
    @APIResponse(responseCode = "400", description = "Invalid UID")
    @APIResponse(responseCode = "404", description = "Unknown study or series")
    @APIResponse(responseCode = "406", description = "Only application/dicom+json is produced")
    @APIResponse(responseCode = "503", description = "S3 or the index is unavailable (Retry-After)")
    public Response retrieveSeriesMetadata(@PathParam("study") String study, @PathParam("series") String series,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context UriInfo uriInfo) {
        return Responses.of(service.metadata(study, series, null, accept, ifNoneMatch, publicBaseUrl.of(uriInfo), false), false);
    }

    @HEAD
    @Path("/{study}/series/{series}/metadata")
    @Operation(operationId = "retrieveSeriesMetadataHead", summary = "Headers (ETag) of series metadata")
    public Response retrieveSeriesMetadataHead(@PathParam("study") String study, @PathParam("series") String series,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context UriInfo uriInfo) {
        return Responses.of(service.metadata(study, series, null, accept, ifNoneMatch, publicBaseUrl.of(uriInfo), true), true);
    }

    @GET
    @Path("/{study}/series/{series}/instances/{instance}/metadata")
    @Operation(operationId = "retrieveInstanceMetadata", summary = "DICOM JSON of one instance (an array of one object)")
    @APIResponse(responseCode = "200", description = "JSON array with one object; BulkDataURIs are absolute",
            content = @Content(mediaType = "application/dicom+json",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DicomJsonDataset.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match matched the ETag")
    @APIResponse(responseCode = "400", description = "Invalid UID")
    @APIResponse(responseCode = "404", description = "Unknown study, series or instance")
    @APIResponse(responseCode = "406", description = "Only application/dicom+json is produced")
    @APIResponse(responseCode = "503", description = "S3 or the index is unavailable (Retry-After)")
    public Response retrieveInstanceMetadata(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uriInfo) {
        return Responses.of(service.metadata(study, series, instance, accept, ifNoneMatch, publicBaseUrl.of(uriInfo), false),
                false);
    }

    @HEAD
    @Path("/{study}/series/{series}/instances/{instance}/metadata")
    @Operation(operationId = "retrieveInstanceMetadataHead", summary = "Headers (ETag) of instance metadata")
    public Response retrieveInstanceMetadataHead(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uriInfo) {
        return Responses.of(service.metadata(study, series, instance, accept, ifNoneMatch, publicBaseUrl.of(uriInfo), true),
                true);
    }
}
