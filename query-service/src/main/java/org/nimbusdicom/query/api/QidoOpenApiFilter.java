package org.nimbusdicom.query.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Documents the query parameters of the six QIDO-RS operations from one table (matching keys per
 * level, then includefield, fuzzymatching, limit, offset) instead of six hand-kept annotation
 * lists; generated clients get one typed argument per parameter. Runs when the document is built
 * (so the stored {@code target/openapi} document has them), beside the shared
 * {@code mp.openapi.filter} of common, which touches only security and responses.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class QidoOpenApiFilter implements OASFilter {

    /** Matching keys documented per level (any other attribute matches too, by keyword or tag). */
    static final List<String> STUDY_KEYS = List.of("StudyInstanceUID", "PatientID", "PatientName", "StudyDate",
            "AccessionNumber", "ModalitiesInStudy");
    static final List<String> SERIES_KEYS = List.of("SeriesInstanceUID", "Modality", "SeriesNumber");
    static final List<String> INSTANCE_KEYS = List.of("SOPInstanceUID", "SOPClassUID", "InstanceNumber");

    /** operationId → the keys its scope can match (a study-scoped search does not match study keys). */
    static final Map<String, List<List<String>>> KEYS_BY_OPERATION = Map.of(
            "searchForStudies", List.of(STUDY_KEYS),
            "searchForSeries", List.of(STUDY_KEYS, SERIES_KEYS),
            "searchForInstances", List.of(STUDY_KEYS, SERIES_KEYS, INSTANCE_KEYS),
            "searchForStudySeries", List.of(SERIES_KEYS),
            "searchForStudyInstances", List.of(SERIES_KEYS, INSTANCE_KEYS),
            "searchForSeriesInstances", List.of(INSTANCE_KEYS));

    static final String INCLUDEFIELD = "attributes to add to the results: keyword, tag or all (repeatable or comma-separated)";
    static final String FUZZY = "case-insensitive prefix match on each person name component";
    static final String LIMIT = "maximum number of results (default 100, capped by configuration); when more matches"
            + " exist the answer carries Warning: 299";
    static final String OFFSET = "number of results to skip";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                Operation get = item.getGET();
                List<List<String>> keys = get == null || get.getOperationId() == null ? null
                        : KEYS_BY_OPERATION.get(get.getOperationId());
                if (keys != null) {
                    addQueryParameters(get, keys);
                }
            }
        }
    }

    /** Puts the query parameters first, before the path parameters JAX-RS contributed. */
    private static void addQueryParameters(Operation operation, List<List<String>> keyGroups) {
        List<Parameter> parameters = new ArrayList<>();
        for (List<String> group : keyGroups) {
            for (String key : group) {
                parameters.add(query(key, "matching key (" + key + ")", Schema.SchemaType.STRING, null));
            }
        }
        parameters.add(query("includefield", INCLUDEFIELD, Schema.SchemaType.STRING, null));
        parameters.add(query("fuzzymatching", FUZZY, Schema.SchemaType.BOOLEAN, null));
        parameters.add(query("limit", LIMIT, Schema.SchemaType.INTEGER, "int32"));
        parameters.add(query("offset", OFFSET, Schema.SchemaType.INTEGER, "int32"));
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        operation.setParameters(parameters);
    }

    private static Parameter query(String name, String description, Schema.SchemaType type, String format) {
        Schema schema = OASFactory.createSchema();
        if (format != null) {
            schema.setFormat(format);
        }
        schema.addType(type);
        // properties in the order the annotation scanner writes them, so the document reads the same
        return OASFactory.createParameter().description(description).in(Parameter.In.QUERY).name(name).schema(schema);
    }
}
