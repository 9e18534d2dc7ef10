package org.nimbusdicom.deploy.openapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the OpenAPI documents the four services write at build time
 * ({@code quarkus.smallrye-openapi.store-schema-directory=target/openapi}) into one document for the
 * whole API behind the gateway: {@code deploy/openapi/nimbus-dicomweb.yaml}.
 *
 * <ul>
 *   <li>one server (the gateway), the {@code bearerAuth} scheme (HTTP bearer, JWT) required globally;</li>
 *   <li>paths merged by method (two services defining the same method of a path is an error);
 *       {@code /internal/...} (service-to-service) is left out;</li>
 *   <li>every operation tagged with its service's tag: Store, Retrieve, Search, Delete;</li>
 *   <li>nothing is added to an operation: each service's own document is complete (annotations, and
 *       the shared {@code org.nimbusdicom.common.openapi.DicomWebSecurityFilter} for 401/403 and
 *       bearerAuth), so {@code /q/openapi} of a service and this document say the same;</li>
 *   <li>component schemas merged (same name with different content is an error) and pruned to those
 *       referenced from the paths; the services' own security schemes are replaced by bearerAuth.</li>
 * </ul>
 * Output is deterministic (sorted paths and schemas, fixed method order), so the committed file can
 * be compared byte for byte with a fresh merge ({@code MergedOpenApiTest}).
 *
 * <p>Command line: {@code OpenApiMerger <repo-root> <output-file>}.
 */
public final class OpenApiMerger {

    /** Service module, in merge order, and the tag of its operations. */
    public static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("store-service", "Store");
        SERVICES.put("retrieve-service", "Retrieve");
        SERVICES.put("query-service", "Search");
        SERVICES.put("delete-service", "Delete");
    }

    public static final String GATEWAY_URL = "http://127.0.0.1:8080";
    private static final List<String> METHODS = List.of("get", "head", "post", "put", "delete", "options", "patch", "trace");
    private static final Map<String, String> TAG_DESCRIPTIONS = Map.of(
            "Store", "STOW-RS (PS3.18 §10.5): store DICOM Part 10 instances",
            "Retrieve", "WADO-RS (PS3.18 §10.4): instances, metadata, frames, bulk data",
            "Search", "QIDO-RS (PS3.18 §10.6): search studies, series and instances",
            "Delete", "Delete studies, series and instances (Microsoft's DICOM server API, not PS3.18)");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private OpenApiMerger() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Paths.get(args.length > 0 ? args[0] : ".");
        Path out = Paths.get(args.length > 1 ? args[1] : "deploy/openapi/nimbus-dicomweb.yaml");
        String yaml = merge(root);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, yaml);
        System.out.println("wrote " + out);
    }

    /** The service documents under {@code root}, or an empty list when any of them is missing. */
    public static List<Path> serviceDocuments(Path root) {
        List<Path> docs = new ArrayList<>();
        for (String module : SERVICES.keySet()) {
            Path doc = root.resolve(module).resolve("target/openapi/openapi.yaml");
            if (!Files.isRegularFile(doc)) {
                return List.of();
            }
            docs.add(doc);
        }
        return docs;
    }

    public static String merge(Path root) throws IOException {
        List<Path> docs = serviceDocuments(root);
        if (docs.isEmpty()) {
            throw new IllegalStateException("a service's target/openapi/openapi.yaml is missing under " + root
                    + " (build the services first: mvn install from the root)");
        }
        Map<String, Map<String, Object>> byTag = new LinkedHashMap<>();
        int i = 0;
        for (String tag : SERVICES.values()) {
            byTag.put(tag, read(docs.get(i++)));
        }
        return write(merge(byTag));
    }

    static Map<String, Object> read(Path file) throws IOException {
        return YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    static String write(Map<String, Object> doc) throws IOException {
        return "# GENERATED by deploy/src/test/java/org/nimbusdicom/deploy/openapi/OpenApiMerger.java from the\n"
                + "# services' build-time OpenAPI documents; do not edit.\n"
                + "# Regenerate: mvn -B install -Dnimbus.openapi.update=true (from the root).\n"
                + YAML.writeValueAsString(doc);
    }

    /** @param byTag each service's document, keyed by the tag its operations get */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Map<String, Object>> byTag) {
        Map<String, Object> paths = new TreeMap<>();
        Map<String, Object> schemas = new TreeMap<>();
        String openapi = null;
        String version = null;
        for (Map.Entry<String, Map<String, Object>> service : byTag.entrySet()) {
            String tag = service.getKey();
            Map<String, Object> doc = service.getValue();
            openapi = openapi != null ? openapi : (String) doc.get("openapi");
            Map<String, Object> info = map(doc.get("info"));
            version = version != null ? version : (String) info.get("version");
            for (Map.Entry<String, Object> p : map(doc.get("paths")).entrySet()) {
                String path = p.getKey();
                if (path.equals("/internal") || path.startsWith("/internal/")) {
                    continue;
                }
                Map<String, Object> merged = (Map<String, Object>) paths.computeIfAbsent(path, k -> new LinkedHashMap<>());
                for (Map.Entry<String, Object> e : map(p.getValue()).entrySet()) {
                    String key = e.getKey();
                    if (METHODS.contains(key)) {
                        if (merged.containsKey(key)) {
                            throw new IllegalStateException(key.toUpperCase() + " " + path + " is defined by two services");
                        }
                        Map<String, Object> op = new LinkedHashMap<>(map(e.getValue()));
                        op.put("tags", List.of(tag));
                        op.remove("security"); // the global bearerAuth requirement applies
                        merged.put(key, op);
                    } else if (merged.containsKey(key) && !merged.get(key).equals(e.getValue())) {
                        throw new IllegalStateException(path + ": '" + key + "' differs between services");
                    } else {
                        merged.put(key, e.getValue());
                    }
                }
            }
            Map<String, Object> comps = map(map(doc.get("components")).get("schemas"));
            for (Map.Entry<String, Object> s : comps.entrySet()) {
                Object before = schemas.putIfAbsent(s.getKey(), s.getValue());
                if (before != null && !before.equals(s.getValue())) {
                    throw new IllegalStateException("schema " + s.getKey() + " differs between services");
                }
            }
        }

        // Fixed method order inside each path item.
        for (Map.Entry<String, Object> p : paths.entrySet()) {
            Map<String, Object> item = map(p.getValue());
            Map<String, Object> ordered = new LinkedHashMap<>();
            item.forEach((k, v) -> {
                if (!METHODS.contains(k)) {
                    ordered.put(k, v);
                }
            });
            for (String m : METHODS) {
                if (item.containsKey(m)) {
                    ordered.put(m, ordered(map(item.get(m))));
                }
            }
            p.setValue(ordered);
        }

        // Only the schemas the paths use (e.g. the internal API's Progress goes).
        Set<String> used = new LinkedHashSet<>();
        List<Object> todo = new ArrayList<>(List.of(paths));
        while (!todo.isEmpty()) {
            Object node = todo.remove(todo.size() - 1);
            if (node instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if ("$ref".equals(e.getKey()) && e.getValue() instanceof String ref
                            && ref.startsWith("#/components/schemas/")) {
                        String name = ref.substring("#/components/schemas/".length());
                        if (used.add(name)) {
                            if (!schemas.containsKey(name)) {
                                throw new IllegalStateException("unresolved " + ref);
                            }
                            todo.add(schemas.get(name));
                        }
                    } else {
                        todo.add(e.getValue());
                    }
                }
            } else if (node instanceof List<?> l) {
                todo.addAll(l);
            }
        }
        schemas.keySet().retainAll(used);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", openapi);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", "Nimbus DICOMweb");
        info.put("description", "DICOMweb (PS3.18: STOW-RS, WADO-RS, QIDO-RS) plus DELETE, behind one base URL "
                + "(the gateway). See docs/conformance-statement.md. With OIDC enabled every operation needs a bearer "
                + "token (roles dicom.read, dicom.write, dicom.delete).");
        info.put("version", version);
        doc.put("info", info);
        Map<String, Object> server = new LinkedHashMap<>(); // (Map.of has no stable order)
        server.put("url", GATEWAY_URL);
        server.put("description", "the gateway of the local stack");
        doc.put("servers", List.of(server));
        doc.put("security", List.of(Map.of("bearerAuth", List.of())));
        List<Object> tags = new ArrayList<>();
        for (String tag : byTag.keySet()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", tag);
            t.put("description", TAG_DESCRIPTIONS.get(tag));
            tags.add(t);
        }
        doc.put("tags", tags);
        doc.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        if (!schemas.isEmpty()) {
            components.put("schemas", schemas);
        }
        Map<String, Object> bearer = new LinkedHashMap<>();
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        bearer.put("description", "An OIDC access token (Keycloak, Entra ID, ...); not needed when auth is off");
        components.put("securitySchemes", Map.of("bearerAuth", bearer));
        doc.put("components", components);
        return doc;
    }

    private static final List<String> OPERATION_KEYS = List.of("tags", "summary", "description", "operationId",
            "parameters", "requestBody", "responses");

    /** An operation with its usual keys in the usual order, then any others as they came. */
    private static Map<String, Object> ordered(Map<String, Object> op) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : OPERATION_KEYS) {
            if (op.containsKey(k)) {
                out.put(k, op.get(k));
            }
        }
        op.forEach(out::putIfAbsent);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }
}
