package org.nimbusdicom.query.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.nimbusdicom.common.openapi.DicomJsonDataset;
import org.nimbusdicom.query.search.QidoResult;
import org.nimbusdicom.query.search.QidoService;
import org.nimbusdicom.query.search.QueryLevel;

/**
 * QIDO-RS (PS3.18 §10.6): search for studies, series and instances. Answers 200 with a JSON
 * array of DICOM JSON objects; an empty result is 200 with {@code []} (not 204), so clients
 * never have to special-case an empty body. 401/403 and bearerAuth come from the shared
 * {@code DicomWebSecurityFilter} (common), as for every DICOMweb operation.
 */
@APIResponse(responseCode = "200", description = "Matches (DICOM JSON, PS3.18 F); [] when none", content = {
        @Content(mediaType = DicomJsonNegotiation.DICOM_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = DicomJsonDataset.class)),
        @Content(mediaType = DicomJsonNegotiation.JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = DicomJsonDataset.class))})
@APIResponse(responseCode = "400", description = "Unknown parameter, invalid UID or malformed value (the message names the parameter)")
@APIResponse(responseCode = "406", description = "Accept allows neither application/dicom+json nor application/json")
@APIResponse(responseCode = "503", description = "PostgreSQL unavailable (Retry-After)")
@Path("/")
@Tag(name = "Search", description = "QIDO-RS (PS3.18 §10.6): search studies, series and instances")
public class QidoResource {

    // OpenAPI: the description below, the responses on the class (they hold for all six
    // operations) and the query parameters from QidoOpenApiFilter (one table for the six levels).
    static final String DESCRIPTION = "QIDO-RS (PS3.18 §10.6). Match on any attribute by keyword or tag (e.g. PatientID=ID1,"
            + " 00100010=Doe*); single values, UID lists, * and ? wildcards, DA/TM/DT ranges. An empty result is 200"
            + " with []. Only some matching keys are listed as parameters.";
    /**
     * The warning PS3.18 QIDO-RS servers send when the page is cut at the limit; clients page on
     * while it is present (dicomweb-client's get_remaining). RFC 7234 syntax, like STOW's 199.
     */
    static final String MORE_MATCHES_WARNING = "299 nimbus \"There are additional results that can be requested\"";

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
    @Operation(operationId = "searchForStudies", summary = "Search for studies", description = DESCRIPTION)
    public Response studies(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.STUDY, null, null, uri, accept);
    }

    @GET
    @Path("series")
    @Operation(operationId = "searchForSeries", summary = "Search for series (all studies)", description = DESCRIPTION)
    public Response series(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.SERIES, null, null, uri, accept);
    }

    @GET
    @Path("instances")
    @Operation(operationId = "searchForInstances", summary = "Search for instances (all studies)", description = DESCRIPTION)
    public Response instances(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.INSTANCE, null, null, uri, accept);
    }

    @GET
    @Path("studies/{study}/series")
    @Operation(operationId = "searchForStudySeries", summary = "Search for the series of a study", description = DESCRIPTION)
    public Response studySeries(@Parameter(description = "StudyInstanceUID") @PathParam("study") String study, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.SERIES, study, null, uri, accept);
    }

    @GET
    @Path("studies/{study}/instances")
    @Operation(operationId = "searchForStudyInstances", summary = "Search for the instances of a study", description = DESCRIPTION)
    public Response studyInstances(@Parameter(description = "StudyInstanceUID") @PathParam("study") String study, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.INSTANCE, study, null, uri, accept);
    }

    @GET
    @Path("studies/{study}/series/{series}/instances")
    @Operation(operationId = "searchForSeriesInstances", summary = "Search for the instances of a series", description = DESCRIPTION)
    public Response seriesInstances(@Parameter(description = "StudyInstanceUID") @PathParam("study") String study, @Parameter(description = "SeriesInstanceUID") @PathParam("series") String series,
            @Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return search(QueryLevel.INSTANCE, study, series, uri, accept);
    }

    private Response search(QueryLevel level, String study, String series, UriInfo uri, String accept) {
        String mediaType = DicomJsonNegotiation.negotiate(accept);
        Map<String, List<String>> parameters = new LinkedHashMap<>(uri.getQueryParameters(true));
        QidoResult result = service.search(level, study, series, parameters, baseUrl(uri));
        try {
            Response.ResponseBuilder response = Response.ok(mapper.writeValueAsBytes(result.matches()), mediaType);
            if (result.moreMatches()) {
                response.header("Warning", MORE_MATCHES_WARNING);
            }
            return response.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String baseUrl(UriInfo uri) {
        String base = publicBaseUrl.orElseGet(() -> uri.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
