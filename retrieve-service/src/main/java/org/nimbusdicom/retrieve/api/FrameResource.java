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
import org.nimbusdicom.retrieve.frame.FrameRetrieveService;

/** WADO-RS frames (PS3.18 §10.4.1.1.3), read from S3 by byte range. */
@Path("/studies")
@Tag(name = "Retrieve (WADO-RS)")
public class FrameResource {

    private final FrameRetrieveService service;
    private final PublicBaseUrl publicBaseUrl;

    public FrameResource(FrameRetrieveService service, PublicBaseUrl publicBaseUrl) {
        this.service = service;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GET
    @Path("/{study}/series/{series}/instances/{instance}/frames/{frames}")
    @Operation(operationId = "retrieveFrames", summary = "Retrieve frames of an instance",
            description = "Native pixel data: multipart/related; type=\"application/octet-stream\" with the exact frame bytes. "
                    + "Encapsulated: the stored compressed frames, parts labelled with the compressed media type "
                    + "(image/jpeg, image/jls, image/jp2, ...) and transfer-syntax. Frames are never decoded.")
    @APIResponse(responseCode = "200", description = "The frames in request order", content = {
            @Content(mediaType = "multipart/related; type=\"application/octet-stream\""),
            @Content(mediaType = "multipart/related; type=\"image/jpeg\""),
            @Content(mediaType = "multipart/related; type=\"image/jls\""),
            @Content(mediaType = "multipart/related; type=\"image/jp2\""),
            @Content(mediaType = "application/octet-stream") })
    @APIResponse(responseCode = "400", description = "Invalid UID or frame list")
    @APIResponse(responseCode = "404", description = "Unknown study, series or instance, no pixel data, or a frame number "
            + "beyond NumberOfFrames")
    @APIResponse(responseCode = "406", description = "The requested media type or transfer syntax cannot be produced")
    @APIResponse(responseCode = "503", description = "S3 or the index is unavailable (Retry-After)")
    public Response retrieveFrames(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance,
            @Parameter(description = "1-based frame numbers, comma separated, e.g. 1,3,5") @PathParam("frames") String frames,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uriInfo) {
        return Responses.of(service.frames(study, series, instance, frames, accept, publicBaseUrl.of(uriInfo), false), false);
    }

    @HEAD
    @Path("/{study}/series/{series}/instances/{instance}/frames/{frames}")
    @Operation(operationId = "retrieveFramesHead", summary = "Headers of a frames retrieve")
    public Response retrieveFramesHead(@PathParam("study") String study, @PathParam("series") String series,
            @PathParam("instance") String instance, @PathParam("frames") String frames,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uriInfo) {
        return Responses.of(service.frames(study, series, instance, frames, accept, publicBaseUrl.of(uriInfo), true), true);
    }
}
