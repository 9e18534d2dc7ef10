package org.nimbusdicom.deploy.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The merged OpenAPI document {@code deploy/openapi/nimbus-dicomweb.yaml}: equal to a fresh merge of
 * the services' build-time documents (so it never drifts; regenerate with
 * {@code -Dnimbus.openapi.update=true}), and complete for every DICOMweb operation of
 * docs/conformance-statement.md (operationId, media types, payload schemas, status codes including
 * 401/403 with the role), without {@code /internal}. The services' own documents (what
 * {@code /q/openapi} serves) are complete by themselves: the merger adds nothing to an operation.
 */
class MergedOpenApiTest {

    private static final Path ROOT = Paths.get(System.getProperty("nimbus.repo.root", ".."));
    private static final Path COMMITTED = ROOT.resolve("deploy/openapi/nimbus-dicomweb.yaml");
    private static final Path GENERATED = ROOT.resolve("deploy/target/openapi/nimbus-dicomweb.yaml");

    private static final String MULTIPART_DICOM = "multipart/related; type=\"application/dicom\"";
    private static final String MULTIPART_OCTET = "multipart/related; type=\"application/octet-stream\"";
    private static final String DICOM_JSON = "application/dicom+json";
    private static final String DATASET = "#/components/schemas/DicomJsonDataset";
    /** The role with OIDC on (the services' quarkus.http.auth.permission.* policies), by method. */
    private static final Map<String, String> METHOD_ROLES = Map.of(
            "get", "dicom.read", "head", "dicom.read", "post", "dicom.write", "delete", "dicom.delete");

    private static Map<String, Object> doc;

    @BeforeAll
    static void generateAndRead() throws IOException {
        if (!OpenApiMerger.serviceDocuments(ROOT).isEmpty()) {
            String yaml = OpenApiMerger.merge(ROOT);
            Files.createDirectories(GENERATED.getParent());
            Files.writeString(GENERATED, yaml);
            if (Boolean.getBoolean("nimbus.openapi.update")) {
                Files.writeString(COMMITTED, yaml);
                // the copy the Helm chart's gateway serves (.Files.Get reads only inside the chart)
                Files.writeString(ROOT.resolve("deploy/helm/nimbus-dicomweb/files/openapi.yaml"), yaml);
            }
        }
        doc = OpenApiMerger.read(COMMITTED);
    }

    @Test
    void committedDocumentIsTheGeneratedOne() throws IOException {
        assumeFalse(OpenApiMerger.serviceDocuments(ROOT).isEmpty(),
                "the services' target/openapi documents are not built (deploy built alone): drift not checked");
        assertEquals(Files.readString(GENERATED), Files.readString(COMMITTED),
                "deploy/openapi/nimbus-dicomweb.yaml is stale: run mvn -B install -Dnimbus.openapi.update=true and commit it");
    }

    @Test
    void oneGatewayServerBearerAuthAndTheFourTags() {
        assertEquals(List.of(Map.of("url", "http://127.0.0.1:8080", "description", "the gateway of the local stack")),
                doc.get("servers"));
        Map<String, Object> bearer = map(map(map(doc.get("components")).get("securitySchemes")).get("bearerAuth"));
        assertEquals("http", bearer.get("type"));
        assertEquals("bearer", bearer.get("scheme"));
        assertEquals("JWT", bearer.get("bearerFormat"));
        assertEquals(List.of(Map.of("bearerAuth", List.of())), doc.get("security"));
        List<Object> tags = new ArrayList<>();
        for (Object t : (List<?>) doc.get("tags")) {
            tags.add(map(t).get("name"));
        }
        assertEquals(List.of("Store", "Retrieve", "Search", "Delete"), tags);
    }

    @Test
    void internalApiIsNotPublished() {
        for (String path : map(doc.get("paths")).keySet()) {
            assertFalse(path.startsWith("/internal"), path);
        }
    }

    @Test
    void operationIdsAreUniqueAndEveryOperationIsTagged() {
        Set<Object> ids = new HashSet<>();
        for (Map.Entry<String, Object> p : map(doc.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> op : map(p.getValue()).entrySet()) {
                Map<String, Object> o = map(op.getValue());
                assertNotNull(o.get("operationId"), op.getKey() + " " + p.getKey() + " has no operationId");
                assertTrue(ids.add(o.get("operationId")), "duplicate operationId " + o.get("operationId"));
                assertEquals(1, ((List<?>) o.get("tags")).size(), op.getKey() + " " + p.getKey());
            }
        }
    }

    @Test
    void storeOperations() {
        for (String path : List.of("/studies", "/studies/{study}")) {
            Map<String, Object> op = operation("post", path, "Store");
            Set<String> body = map(map(op.get("requestBody")).get("content")).keySet();
            assertTrue(body.contains(MULTIPART_DICOM), path + " " + body);
            assertTrue(body.contains("application/dicom"), path + " " + body);
            assertStatuses(op, "200", "202", "409", "400", "413", "415", "503");
            for (String status : List.of("200", "202", "409")) {
                assertEquals(Map.of("$ref", DATASET), schema(op, status, DICOM_JSON), path + " " + status);
            }
            assertEquals(Map.of("type", "string"), map(header(op, "200", "Warning").get("schema")), path);
            assertEquals(Map.of("type", "integer"), map(header(op, "503", "Retry-After").get("schema")), path);
        }
    }

    @Test
    void retrieveOperations() {
        for (String path : List.of("/studies/{study}", "/studies/{study}/series/{series}",
                "/studies/{study}/series/{series}/instances/{instance}")) {
            Map<String, Object> op = operation("get", path, "Retrieve");
            assertStatuses(op, "200", "400", "404", "406", "503");
            assertContent(op, "200", MULTIPART_DICOM);
            Map<String, Object> metadata = operation("get", path + "/metadata", "Retrieve");
            assertStatuses(metadata, "200", "400", "404", "406", "503");
            assertEquals(Map.of("type", "array", "items", Map.of("$ref", DATASET)), schema(metadata, "200", DICOM_JSON),
                    path + "/metadata");
        }
        assertContent(operation("get", "/studies/{study}/series/{series}/instances/{instance}", "Retrieve"),
                "200", "application/dicom");
        Map<String, Object> frames = operation("get",
                "/studies/{study}/series/{series}/instances/{instance}/frames/{frames}", "Retrieve");
        assertStatuses(frames, "200", "400", "404", "406", "503");
        assertContent(frames, "200", MULTIPART_OCTET);
        Map<String, Object> bulk = operation("get",
                "/studies/{study}/series/{series}/instances/{instance}/bulkdata/{tagPath}", "Retrieve");
        assertStatuses(bulk, "200", "400", "404", "406", "503");
        assertContent(bulk, "200", MULTIPART_OCTET);
        assertContent(bulk, "200", "application/octet-stream");
    }

    @Test
    void searchOperations() {
        for (String path : List.of("/studies", "/series", "/instances", "/studies/{study}/series",
                "/studies/{study}/instances", "/studies/{study}/series/{series}/instances")) {
            Map<String, Object> op = operation("get", path, "Search");
            assertStatuses(op, "200", "400", "401", "403", "406", "503");
            assertContent(op, "200", DICOM_JSON);
            assertContent(op, "200", "application/json");
            assertContent(op, "400", "application/json");
            Set<Object> params = new HashSet<>();
            for (Object p : (List<?>) op.get("parameters")) {
                params.add(map(p).get("name"));
            }
            assertTrue(params.containsAll(List.of("includefield", "limit", "offset", "fuzzymatching")), path + " " + params);
        }
    }

    @Test
    void everyDicomWebOperationDeclares401And403WithItsRole() {
        int checked = 0;
        for (Map.Entry<String, Object> p : map(doc.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> op : map(p.getValue()).entrySet()) {
                assertAuthResponses(p.getKey(), op.getKey(), map(op.getValue()));
                checked++;
            }
        }
        // 2 STOW + 16 WADO (GET and HEAD) + 6 QIDO + 3 DELETE: a filter that silently stopped
        // running would leave fewer operations, not pass
        assertTrue(checked >= 27, "only " + checked + " operations");
    }

    @Test
    void everyErrorAnswerHasTheErrorBodyAndEvery503RetryAfter() {
        int checked = 0;
        for (Map.Entry<String, Object> p : map(doc.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> op : map(p.getValue()).entrySet()) {
                String what = op.getKey().toUpperCase() + " " + p.getKey();
                for (Map.Entry<String, Object> r : map(map(op.getValue()).get("responses")).entrySet()) {
                    String code = r.getKey();
                    // 401/403 come from the OIDC layer without a body; STOW's 409 is a DICOM JSON response
                    if (!(code.startsWith("4") || code.startsWith("5")) || Set.of("401", "403", "409").contains(code)) {
                        continue;
                    }
                    Map<String, Object> json = map(map(map(r.getValue()).get("content")).get("application/json"));
                    assertEquals("#/components/schemas/ErrorResponse", map(json.get("schema")).get("$ref"),
                            what + " " + code + " lacks the ErrorResponse body");
                    if (code.equals("503")) {
                        assertFalse(map(map(map(r.getValue()).get("headers")).get("Retry-After")).isEmpty(),
                                what + " 503 lacks Retry-After");
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked >= 60, "only " + checked + " error answers");
    }

    @Test
    void eachServiceDocumentIsCompleteOnItsOwn() throws IOException {
        List<Path> docs = OpenApiMerger.serviceDocuments(ROOT);
        assumeFalse(docs.isEmpty(), "the services' target/openapi documents are not built (deploy built alone)");
        for (Path file : docs) {
            Map<String, Object> service = OpenApiMerger.read(file);
            Map<String, Object> schemes = map(map(service.get("components")).get("securitySchemes"));
            assertEquals(Set.of("bearerAuth"), schemes.keySet(), file + ": security schemes");
            assertEquals("bearer", map(schemes.get("bearerAuth")).get("scheme"), file.toString());
            for (Map.Entry<String, Object> p : map(service.get("paths")).entrySet()) {
                if (p.getKey().startsWith("/internal")) {
                    continue;
                }
                for (Map.Entry<String, Object> op : map(p.getValue()).entrySet()) {
                    if (!METHOD_ROLES.containsKey(op.getKey())) {
                        continue; // path-level keys (parameters, ...)
                    }
                    Map<String, Object> o = map(op.getValue());
                    assertAuthResponses(p.getKey(), op.getKey(), o);
                    assertEquals(List.of(Map.of("bearerAuth", List.of())), o.get("security"),
                            file + ": " + op.getKey().toUpperCase() + " " + p.getKey() + " lacks the bearerAuth requirement");
                }
            }
        }
    }

    @Test
    void sharedSchemas() {
        Map<String, Object> schemas = map(map(doc.get("components")).get("schemas"));
        Map<String, Object> dataset = map(schemas.get("DicomJsonDataset"));
        assertEquals("object", dataset.get("type"));
        assertEquals(Boolean.TRUE, dataset.get("additionalProperties"));
        assertEquals(Set.of("status", "message", "failureReason"),
                map(map(schemas.get("ErrorResponse")).get("properties")).keySet());
    }

    @Test
    void deleteOperations() {
        for (String path : List.of("/studies/{study}", "/studies/{study}/series/{series}",
                "/studies/{study}/series/{series}/instances/{instance}")) {
            assertStatuses(operation("delete", path, "Delete"), "204", "400", "404", "503");
        }
    }

    private static Map<String, Object> operation(String method, String path, String tag) {
        Map<String, Object> op = map(map(map(doc.get("paths")).get(path)).get(method));
        assertFalse(op.isEmpty(), method.toUpperCase() + " " + path + " missing");
        assertNotNull(op.get("operationId"), method.toUpperCase() + " " + path + " has no operationId");
        assertEquals(List.of(tag), op.get("tags"), method.toUpperCase() + " " + path);
        return op;
    }

    private static void assertAuthResponses(String path, String method, Map<String, Object> op) {
        Map<String, Object> responses = map(op.get("responses"));
        String what = method.toUpperCase() + " " + path;
        assertTrue(responses.containsKey("401"), what + " lacks 401");
        Object forbidden = map(responses.get("403")).get("description");
        assertNotNull(forbidden, what + " lacks 403");
        String role = METHOD_ROLES.get(method);
        assertNotNull(role, what + ": no role known for " + method);
        assertTrue(forbidden.toString().contains(role), what + ": 403 does not name " + role + ": " + forbidden);
    }

    private static Map<String, Object> schema(Map<String, Object> op, String status, String mediaType) {
        assertContent(op, status, mediaType);
        Map<String, Object> schema = map(map(map(map(map(op.get("responses")).get(status)).get("content")).get(mediaType)).get("schema"));
        assertFalse(schema.isEmpty(), op.get("operationId") + " " + status + " " + mediaType + " has no schema");
        return schema;
    }

    private static Map<String, Object> header(Map<String, Object> op, String status, String name) {
        Map<String, Object> header = map(map(map(map(op.get("responses")).get(status)).get("headers")).get(name));
        assertFalse(header.isEmpty(), op.get("operationId") + " " + status + " lacks header " + name);
        return header;
    }

    private static void assertStatuses(Map<String, Object> op, String... statuses) {
        Set<String> have = map(op.get("responses")).keySet();
        for (String s : statuses) {
            assertTrue(have.contains(s), op.get("operationId") + " lacks status " + s + " (has " + have + ")");
        }
    }

    private static void assertContent(Map<String, Object> op, String status, String mediaType) {
        Set<String> have = map(map(map(op.get("responses")).get(status)).get("content")).keySet();
        assertTrue(have.contains(mediaType), op.get("operationId") + " " + status + " lacks " + mediaType + " (has " + have + ")");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }
}
