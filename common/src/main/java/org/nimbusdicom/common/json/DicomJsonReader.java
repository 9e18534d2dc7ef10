package org.nimbusdicom.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.BinaryValues;
import org.nimbusdicom.common.data.BulkDataUri;
import org.nimbusdicom.common.data.Sequence;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.data.VR;

/**
 * Reads DICOM JSON (PS3.18 Annex F) into {@link Attributes}, streaming with a Jackson parser.
 *
 * <p>Text values become {@code String[]} values (PN groups joined with {@code =}; numbers of IS/DS
 * keep their JSON text), binary numbers are encoded little endian, {@code InlineBinary} is decoded,
 * {@code BulkDataURI} becomes a {@link BulkDataUri} placeholder. A {@code null} entry of a
 * multi-valued element becomes an empty value. Malformed input throws {@link IOException}.
 */
public final class DicomJsonReader {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DicomJsonReader() {
    }

    /** Parses one JSON object. */
    public static Attributes parse(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return read(p);
        }
    }

    /** Reads one JSON object from {@code p} (positioned before or at its START_OBJECT). */
    public static Attributes read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
        }
        Attributes ds = new Attributes(32);
        readInto(p, ds);
        return ds;
    }

    private static void readInto(JsonParser p, Attributes ds) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int tag;
            try {
                tag = Tag.parseHex(p.getCurrentName());
            } catch (IllegalArgumentException e) {
                throw new IOException("invalid DICOM JSON key '" + p.getCurrentName() + "'", e);
            }
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            readElement(p, ds, tag);
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("malformed DICOM JSON at " + p.getCurrentLocation());
        }
    }

    private static void readElement(JsonParser p, Attributes ds, int tag) throws IOException {
        VR vr = null;
        Object value = null;
        boolean hasValue = false;
        JsonNode deferred = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.getCurrentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "vr":
                    try {
                        vr = VR.valueOf(p.getText());
                    } catch (IllegalArgumentException e) {
                        throw new IOException("invalid VR '" + p.getText() + "' for " + Tag.toHexString(tag));
                    }
                    break;
                case "InlineBinary":
                    value = p.getBinaryValue();
                    break;
                case "BulkDataURI":
                    value = new BulkDataUri(p.getText());
                    break;
                case "Value":
                    expect(t, JsonToken.START_ARRAY, p);
                    hasValue = true;
                    if (vr == null) {
                        // "vr" may come after "Value" (e.g. sorted keys): keep the array until the VR is known
                        deferred = MAPPER.readTree(p);
                    } else {
                        readValue(p, ds, tag, vr);
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (vr == null) {
            throw new IOException("missing vr for " + Tag.toHexString(tag));
        }
        if (deferred != null) {
            try (JsonParser q = deferred.traverse()) {
                q.nextToken();
                readValue(q, ds, tag, vr);
            }
        } else if (!hasValue) {
            if (vr == VR.SQ) {
                ds.newSequence(tag, 0);
            } else {
                ds.setValue(tag, vr, value);
            }
        }
    }

    /** Reads a Value array ({@code p} at its START_ARRAY) into element {@code tag}. */
    private static void readValue(JsonParser p, Attributes ds, int tag, VR vr) throws IOException {
        if (vr == VR.SQ) {
            Sequence items = new Sequence(ds, 4);
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expect(p.currentToken(), JsonToken.START_OBJECT, p);
                Attributes item = new Attributes(16);
                items.add(item);
                readInto(p, item);
            }
            ds.setValue(tag, VR.SQ, items);
            return;
        }
        List<String> texts = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonToken v = p.currentToken();
            if (v == JsonToken.START_OBJECT && vr == VR.PN) {
                texts.add(personName(p));
            } else if (v == JsonToken.VALUE_NULL) {
                texts.add("");
            } else if (v != null && v.isScalarValue()) {
                texts.add(p.getText());
            } else {
                throw new IOException("unexpected " + v + " in Value of " + Tag.toHexString(tag));
            }
        }
        String[] s = texts.toArray(new String[0]);
        try {
            if (vr.isText()) {
                ds.setString(tag, vr, s);
            } else if (vr.isBulkCandidate()) {
                throw new IOException(vr + " values must be InlineBinary or BulkDataURI: " + Tag.toHexString(tag));
            } else {
                ds.setValue(tag, vr, BinaryValues.parse(vr, s));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid value for " + Tag.toHexString(tag) + " " + vr + ": " + e.getMessage(), e);
        }
    }

    private static String personName(JsonParser p) throws IOException {
        String[] groups = new String[3];
        int n = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.getCurrentName();
            p.nextToken();
            int g = "Alphabetic".equals(name) ? 0 : "Ideographic".equals(name) ? 1 : "Phonetic".equals(name) ? 2 : -1;
            if (g >= 0) {
                groups[g] = p.getText();
                n = Math.max(n, g + 1);
            } else {
                p.skipChildren();
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < n; g++) {
            if (g > 0) {
                sb.append('=');
            }
            sb.append(groups[g] == null ? "" : groups[g]);
        }
        return sb.toString();
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual + " at " + p.getCurrentLocation());
        }
    }
}
