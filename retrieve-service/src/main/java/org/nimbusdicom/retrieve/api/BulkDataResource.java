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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.nimbusdicom.retrieve.bulkdata.BulkDataRetrieveService;

/** WADO-RS bulk data (PS3.18 §10.4.1.1.5): the targets of the BulkDataURIs in metadata. */
@Path("/studies")
@Tag(name = "Retrieve (WADO-RS)")
public class BulkDataResource {

    private final BulkDataRetrieveService service;
    private final PublicBaseUrl publicBaseUrl;

    public BulkDataResource(BulkDataRetrieveService service, PublicBaseUrl publicBaseUrl) {
        this.service = service;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GET
    @Path("/{study}/series/{series}/instances/{instance}/bulkdata/{tagPath: .+}")
    @Operation(operationId = "retrieveBulkData", summary = "Retrieve a bulk data value",
            description = "multipart/related; type=\"application/octet-stream\" (default) or a single application/octet-stream "
                    + "body, which honours a single Range header (206). Encapsulated pixel data: one part per frame in the "
                    + "compressed media type.")
    @APIResponse(responseCode = "200", description = "The value", content = {
            @Content(mediaType = "multipart/related; type=\"application/octet-stream\""),
            @Content(mediaType = "application/octet-stream") })
    @APIResponse(responseCode = "206", description = "The requested range of the value (single-part only)")
    @APIResponse(responseCode = "400", description = "Invalid UID or tag path")
    @APIResponse(responseCode = "404", description = "Unknown study, series, instance or bulk data path")
    @APIResponse(responseCode = "406", description = "The requested media type cannot be produced")
    @APIResponse(responseCode = "416", description = "The Range starts beyond the value")
    @APIResponse(responseCode = "503", description = "S3 or the index is unavailable (Retry-After)")
    public Response retrieveBulkData(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance,
            @Parameter(description = "7FE00010 or a nested path such as 00283010/0/00283006") @PathParam("tagPath") String tagPath,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @HeaderParam("Range") String range, @Context UriInfo uriInfo) {
        return Responses.of(service.bulkData(study, series, instance, tagPath, accept, range, publicBaseUrl.of(uriInfo), false),
                false);
    }

    @HEAD
    @Path("/{study}/series/{series}/instances/{instance}/bulkdata/{tagPath: .+}")
    @Operation(operationId = "retrieveBulkDataHead", summary = "Headers of a bulk data retrieve")
    public Response retrieveBulkDataHead(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance, @PathParam("tagPath") String tagPath,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @HeaderParam("Range") String range, @Context UriInfo uriInfo) {
        return Responses.of(service.bulkData(study, series, instance, tagPath, accept, range, publicBaseUrl.of(uriInfo), true),
                true);
    }
}
