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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.nimbusdicom.retrieve.instance.InstanceRetrieveService;

/** WADO-RS: studies, series and instances as Part 10 files (PS3.18 §10.4.1.1.1). */
@Path("/studies")
@Tag(name = "Retrieve (WADO-RS)")
public class InstanceResource {

    private final InstanceRetrieveService service;
    private final PublicBaseUrl publicBaseUrl;

    public InstanceResource(InstanceRetrieveService service, PublicBaseUrl publicBaseUrl) {
        this.service = service;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GET
    @Path("/{study}")
    @Operation(operationId = "retrieveStudy", summary = "Retrieve every instance of a study",
            description = "multipart/related; type=\"application/dicom\", one part per instance (series order, then instance "
                    + "number, then UID). transfer-syntax=* returns instances as stored; without it, Explicit VR Little Endian.")
    @APIResponse(responseCode = "200", description = "The instances",
            content = @Content(mediaType = "multipart/related; type=\"application/dicom\""))
    @APIResponse(responseCode = "400", description = "Invalid UID or Accept header")
    @APIResponse(responseCode = "404", description = "Unknown study")
    @APIResponse(responseCode = "406", description = "The requested media type or transfer syntax cannot be produced")
    @APIResponse(responseCode = "503", description = "S3 or the index is unavailable (Retry-After)")
    public Response retrieveStudy(@PathParam("study") String study, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @Context UriInfo uriInfo) {
        return Responses.of(service.retrieve(study, null, null, accept, publicBaseUrl.of(uriInfo), false), false);
    }

    @HEAD
    @Path("/{study}")
    @Operation(operationId = "retrieveStudyHead", summary = "Headers of a study retrieve (no body, no S3 reads)")
    public Response retrieveStudyHead(@PathParam("study") String study, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @Context UriInfo uriInfo) {
        return Responses.of(service.retrieve(study, null, null, accept, publicBaseUrl.of(uriInfo), true), true);
    }

    @GET
    @Path("/{study}/series/{series}")
    @Operation(operationId = "retrieveSeries", summary = "Retrieve every instance of a series")
    @APIResponse(responseCode = "200", description = "The instances",
            content = @Content(mediaType = "multipart/related; type=\"application/dicom\""))
    @APIResponse(responseCode = "400", description = "Invalid UID or Accept header")
    @APIResponse(responseCode = "404", description = "Unknown study or series")
    @APIResponse(responseCode = "406", description = "The requested media type or transfer syntax cannot be produced")
    @APIResponse(responseCode = "503", description = "S3 or the index is unavailable (Retry-After)")
    public Response retrieveSeries(@PathParam("study") String study, @PathParam("series") String series,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uriInfo) {
        return Responses.of(service.retrieve(study, series, null, accept, publicBaseUrl.of(uriInfo), false), false);
    }

    @HEAD
    @Path("/{study}/series/{series}")
    @Operation(operationId = "retrieveSeriesHead", summary = "Headers of a series retrieve")
    public Response retrieveSeriesHead(@PathParam("study") String study, @PathParam("series") String series,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uriInfo) {
        return Responses.of(service.retrieve(study, series, null, accept, publicBaseUrl.of(uriInfo), true), true);
    }

    @GET
    @Path("/{study}/series/{series}/instances/{instance}")
    @Operation(operationId = "retrieveInstance", summary = "Retrieve one instance",
            description = "multipart/related; type=\"application/dicom\" or, when asked, a single application/dicom body.")
    @APIResponse(responseCode = "200", description = "The instance", content = {
            @Content(mediaType = "multipart/related; type=\"application/dicom\""),
            @Content(mediaType = "application/dicom") })
    @APIResponse(responseCode = "400", description = "Invalid UID or Accept header")
    @APIResponse(responseCode = "404", description = "Unknown study, series or instance")
    @APIResponse(responseCode = "406", description = "The requested media type or transfer syntax cannot be produced")
    @APIResponse(responseCode = "503", description = "S3 or the index is unavailable (Retry-After)")
    public Response retrieveInstance(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance, @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uriInfo) {
        return Responses.of(service.retrieve(study, series, instance, accept, publicBaseUrl.of(uriInfo), false), false);
    }

    @HEAD
    @Path("/{study}/series/{series}/instances/{instance}")
    @Operation(operationId = "retrieveInstanceHead", summary = "Headers of an instance retrieve")
    public Response retrieveInstanceHead(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance, @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uriInfo) {
        return Responses.of(service.retrieve(study, series, instance, accept, publicBaseUrl.of(uriInfo), true), true);
    }
}
