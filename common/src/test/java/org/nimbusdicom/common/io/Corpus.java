package org.nimbusdicom.common.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Access to the test corpus in {@code src/test/resources/corpus} (see its README) and a JSON
 * comparison following the corpus conventions (DS/FD relative tolerance 1e-9, FL 1e-6, SV/UV
 * accepted as string or number, objects compared by key set).
 */
public final class Corpus {

    public static final Path ROOT = Path.of("src/test/resources/corpus");
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Corpus() {
    }

    /** The manifest entries. */
    public static List<JsonNode> entries() {
        try {
            JsonNode m = MAPPER.readTree(ROOT.resolve("manifest.json").toFile());
            List<JsonNode> l = new ArrayList<>();
            m.get("files").forEach(l::add);
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Stream<JsonNode> ok() {
        return entries().stream().filter(e -> "ok".equals(e.path("expected").path("outcome").asText()));
    }

    public static Stream<JsonNode> errors() {
        return entries().stream().filter(e -> "error".equals(e.path("expected").path("outcome").asText()));
    }

    public static Path file(JsonNode entry) {
        return ROOT.resolve("files").resolve(entry.get("name").asText());
    }

    public static InputStream open(JsonNode entry) throws IOException {
        return Files.newInputStream(file(entry));
    }

    public static JsonNode expectedJson(JsonNode entry) throws IOException {
        return MAPPER.readTree(ROOT.resolve(entry.get("expected_json").asText()).toFile());
    }

    /** Differences between expected and actual DICOM JSON data sets, as "path: message" lines. */
    public static List<String> diff(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        diffDataset("", expected, actual, out);
        return out;
    }

    private static void diffDataset(String prefix, JsonNode e, JsonNode a, List<String> out) {
        TreeSet<String> keys = new TreeSet<>();
        e.fieldNames().forEachRemaining(keys::add);
        a.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            String path = prefix + k;
            if (!e.has(k)) {
                out.add(path + ": unexpected element " + a.get(k));
            } else if (!a.has(k)) {
                out.add(path + ": missing element " + e.get(k));
            } else {
                diffElement(path, e.get(k), a.get(k), out);
            }
        }
    }

    private static void diffElement(String path, JsonNode e, JsonNode a, List<String> out) {
        String vr = e.path("vr").asText();
        if (!vr.equals(a.path("vr").asText())) {
            out.add(path + ": vr " + vr + " != " + a.path("vr").asText());
            return;
        }
        for (String k : new String[] {"InlineBinary", "BulkDataURI"}) {
            if (!e.path(k).equals(a.path(k))) {
                out.add(path + ": " + k + " " + e.path(k) + " != " + a.path(k));
            }
        }
        JsonNode ev = e.get("Value");
        JsonNode av = a.get("Value");
        if (ev == null || av == null) {
            if (ev != av) {
                out.add(path + ": Value " + ev + " != " + av);
            }
            return;
        }
        if (ev.size() != av.size()) {
            out.add(path + ": " + ev.size() + " values != " + av.size() + ": " + abbreviate(ev) + " vs " + abbreviate(av));
            return;
        }
        for (int i = 0; i < ev.size(); i++) {
            JsonNode x = ev.get(i);
            JsonNode y = av.get(i);
            if ("SQ".equals(vr)) {
                diffDataset(path + "/" + i + "/", x, y, out);
            } else if (!valueEquals(vr, x, y)) {
                out.add(path + "[" + i + "]: " + x + " != " + y);
            }
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static boolean valueEquals(String vr, JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            double tol = "FL".equals(vr) ? 1e-6 : "DS".equals(vr) || "FD".equals(vr) ? 1e-9 : 0;
            if (tol == 0) {
                return new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText())) == 0;
            }
            double p = x.asDouble();
            double q = y.asDouble();
            return p == q || Math.abs(p - q) <= tol * Math.max(Math.abs(p), Math.abs(q));
        }
        if (("SV".equals(vr) || "UV".equals(vr)) && (x.isNumber() || y.isNumber())) {
            return new BigDecimal(x.asText()).compareTo(new BigDecimal(y.asText())) == 0;
        }
        return x.equals(y);
    }

    /** Iterates a JSON array or object's values. */
    static Stream<JsonNode> stream(JsonNode n) {
        Iterator<JsonNode> it = n.elements();
        return StreamSupport.stream(((Iterable<JsonNode>) () -> it).spliterator(), false);
    }

    /** Field map of an object node. */
    static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> m = new java.util.TreeMap<>();
        n.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue()));
        return m;
    }
}
