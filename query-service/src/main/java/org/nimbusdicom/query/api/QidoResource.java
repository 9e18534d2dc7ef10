package org.nimbusdicom.query.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.nimbusdicom.query.search.QidoService;
import org.nimbusdicom.query.search.QueryLevel;

/**
 * QIDO-RS (PS3.18 §10.6): search for studies, series and instances. Answers 200 with a JSON
 * array of DICOM JSON objects; an empty result is 200 with {@code []} (not 204), so clients
 * never have to special-case an empty body.
 */
@Path("/")
public class QidoResource {

    private final QidoService service;
    private final ObjectMapper mapper;
    private final Optional<String> publicBaseUrl;

    public QidoResource(QidoService service, ObjectMapper mapper,
            @ConfigProperty(name = "nimbus.public-base-url") Optional<String> publicBaseUrl) {
        this.service = service;
        this.mapper = mapper;
        this.publicBaseUrl = publicBaseUrl.map(String::trim).filter(s -> !s.isEmpty());
    }

    @GET
    @Path("studies")
    @Operation(summary = "Search for studies")
    public Response studies(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.STUDY, null, null, uri, accept);
    }

    @GET
    @Path("series")
    @Operation(summary = "Search for series (all studies)")
    public Response series(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.SERIES, null, null, uri, accept);
    }

    @GET
    @Path("instances")
    @Operation(summary = "Search for instances (all studies)")
    public Response instances(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.INSTANCE, null, null, uri, accept);
    }

    @GET
    @Path("studies/{study}/series")
    @Operation(summary = "Search for the series of a study")
    public Response studySeries(@PathParam("study") String study, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.SERIES, study, null, uri, accept);
    }

    @GET
    @Path("studies/{study}/instances")
    @Operation(summary = "Search for the instances of a study")
    public Response studyInstances(@PathParam("study") String study, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.INSTANCE, study, null, uri, accept);
    }

    @GET
    @Path("studies/{study}/series/{series}/instances")
    @Operation(summary = "Search for the instances of a series")
    public Response seriesInstances(@PathParam("study") String study, @PathParam("series") String series,
            @Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.INSTANCE, study, series, uri, accept);
    }

    private Response search(QueryLevel level, String study, String series, UriInfo uri, String accept) {
        String mediaType = DicomJsonNegotiation.negotiate(accept);
        Map<String, List<String>> parameters = new LinkedHashMap<>(uri.getQueryParameters(true));
        ArrayNode results = service.search(level, study, series, parameters, baseUrl(uri));
        try {
            return Response.ok(mapper.writeValueAsBytes(results), mediaType).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String baseUrl(UriInfo uri) {
        String base = publicBaseUrl.orElseGet(() -> uri.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
