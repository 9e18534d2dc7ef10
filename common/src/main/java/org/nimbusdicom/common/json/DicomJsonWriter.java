package org.nimbusdicom.common.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.BinaryValues;
import org.nimbusdicom.common.data.BulkData;
import org.nimbusdicom.common.data.BulkDataUri;
import org.nimbusdicom.common.data.Fragments;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.data.VR;

/**
 * Writes DICOM JSON (PS3.18 Annex F) with a Jackson generator, streaming: nothing but the
 * current value is materialised, so study metadata of thousands of instances can be written
 * element by element.
 *
 * <p>Conventions: keys are 8 upper-case hex digits in tag order; group length elements
 * (gggg,0000) are omitted outside group 0002; an empty value has only {@code "vr"}; PN values are
 * objects with Alphabetic/Ideographic/Phonetic groups (present as far as the value has
 * {@code =}-separated groups, trailing empty groups dropped); IS/DS/binary numbers are JSON numbers (DS keeps its decimal text
 * when that is valid JSON, so no precision is lost; unparseable IS/DS stay strings); AT as hex
 * strings; empty components of multi-valued text as {@code null}. {@link BulkData} placeholders,
 * encapsulated fragments and top-level pixel data become {@code BulkDataURI} from the
 * {@link BulkDataUriBuilder}; other binary values {@code InlineBinary} (base64 of the
 * little-endian bytes).
 */
public final class DicomJsonWriter {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern JSON_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private DicomJsonWriter() {
    }

    /** Compact UTF-8 JSON of {@code ds}. */
    public static byte[] toJsonBytes(Attributes ds, BulkDataUriBuilder uris) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(ds, gen, uris);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JSON of {@code ds} as a Jackson tree. */
    public static ObjectNode toObjectNode(Attributes ds, BulkDataUriBuilder uris) {
        try {
            return (ObjectNode) MAPPER.readTree(toJsonBytes(ds, uris));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code ds} as one JSON object to {@code gen} (the caller flushes/closes it). */
    public static void write(Attributes ds, JsonGenerator gen, BulkDataUriBuilder uris) throws IOException {
        writeDataset(ds, gen, uris, "");
    }

    private static void writeDataset(Attributes ds, JsonGenerator gen, BulkDataUriBuilder uris, String prefix) throws IOException {
        gen.writeStartObject();
        for (int i = 0, n = ds.size(); i < n; i++) {
            int tag = ds.tagAt(i);
            if ((tag & 0xFFFF) == 0 && (tag >>> 16) != 0x0002) {
                continue;
            }
            String hex = Tag.toHexString(tag);
            gen.writeFieldName(hex);
            writeElement(ds, i, tag, gen, uris, prefix, hex);
        }
        gen.writeEndObject();
    }

    private static void writeElement(Attributes ds, int i, int tag, JsonGenerator gen, BulkDataUriBuilder uris,
            String prefix, String hex) throws IOException {
        VR vr = ds.vrAt(i);
        Object value = ds.valueAt(i);
        gen.writeStartObject();
        gen.writeStringField("vr", vr.name());
        String path = prefix + hex;
        boolean topLevelPixelData = prefix.isEmpty() && (tag == Tag.PixelData || tag == 0x7FE00008 || tag == 0x7FE00009);
        if (value instanceof BulkDataUri) {
            gen.writeStringField("BulkDataURI", ((BulkDataUri) value).uri());
        } else if (value instanceof BulkData || value instanceof Fragments || (topLevelPixelData && value != null)) {
            if (uris != null) {
                gen.writeStringField("BulkDataURI", uris.uriFor(path));
            }
        } else if (value instanceof List) {
            List<?> items = (List<?>) value;
            if (!items.isEmpty()) {
                gen.writeArrayFieldStart("Value");
                for (int k = 0; k < items.size(); k++) {
                    writeDataset((Attributes) items.get(k), gen, uris, path + '/' + k + '/');
                }
                gen.writeEndArray();
            }
        } else if (value != null) {
            writeValue(ds, vr, value, gen);
        }
        gen.writeEndObject();
    }

    private static void writeValue(Attributes ds, VR vr, Object value, JsonGenerator gen) throws IOException {
        if (vr.isBulkCandidate()) {
            byte[] b = (byte[]) value;
            if (b.length > 0) {
                gen.writeFieldName("InlineBinary");
                gen.writeBinary(b);
            }
            return;
        }
        if (vr.isBinary()) {
            writeBinaryNumbers(vr, (byte[]) value, gen);
            return;
        }
        String[] s = ds.stringsOf(vr, value);
        if (s == null || s.length == 0 || (s.length == 1 && s[0].isEmpty())) {
            return;
        }
        gen.writeArrayFieldStart("Value");
        for (String v : s) {
            if (v.isEmpty()) {
                // empty component of a multi-valued string: "" as pydicom writes it; null where a string is no valid value
                if (vr == VR.PN || vr == VR.IS || vr == VR.DS) {
                    gen.writeNull();
                } else {
                    gen.writeString(v);
                }
            } else if (vr == VR.PN) {
                writePersonName(v, gen);
            } else if (vr == VR.IS) {
                writeIntegerString(v, gen);
            } else if (vr == VR.DS) {
                writeDecimalString(v, gen);
            } else {
                gen.writeString(v);
            }
        }
        gen.writeEndArray();
    }

    private static void writePersonName(String v, JsonGenerator gen) throws IOException {
        // component groups split on '='; trailing empty groups are dropped (no dangling '=' group), like pydicom
        String[] groups = v.split("=", 3);
        int n = groups.length;
        while (n > 1 && groups[n - 1].isEmpty()) {
            n--;
        }
        gen.writeStartObject();
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        for (int g = 0; g < n; g++) {
            gen.writeStringField(names[g], groups[g]);
        }
        gen.writeEndObject();
    }

    private static void writeIntegerString(String v, JsonGenerator gen) throws IOException {
        String t = v.trim();
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        if (JSON_INTEGER.matcher(t).matches()) {
            gen.writeNumber(t);
            return;
        }
        try {
            BigDecimal d = new BigDecimal(t);
            gen.writeNumber(d.toBigIntegerExact());
        } catch (NumberFormatException | ArithmeticException e) {
            gen.writeString(v); // not an integer (e.g. "1A"): keep the text rather than lose it
        }
    }

    private static void writeDecimalString(String v, JsonGenerator gen) throws IOException {
        String t = v.trim();
        if (JSON_NUMBER.matcher(t).matches()) {
            gen.writeNumber(t); // the exact decimal text: no binary floating point round trip
            return;
        }
        try {
            gen.writeNumber(new BigDecimal(t).toString());
        } catch (NumberFormatException e) {
            gen.writeString(v);
        }
    }

    private static void writeBinaryNumbers(VR vr, byte[] b, JsonGenerator gen) throws IOException {
        int n = BinaryValues.count(vr, b);
        if (n == 0) {
            return;
        }
        gen.writeArrayFieldStart("Value");
        for (int k = 0; k < n; k++) {
            switch (vr) {
                case FL: {
                    float f = (float) BinaryValues.doubleAt(vr, b, k);
                    if (Float.isFinite(f)) {
                        gen.writeNumber(Float.toString(f));
                    } else {
                        gen.writeString(Float.toString(f));
                    }
                    break;
                }
                case FD: {
                    double d = BinaryValues.doubleAt(vr, b, k);
                    if (Double.isFinite(d)) {
                        gen.writeNumber(d);
                    } else {
                        gen.writeString(Double.toString(d));
                    }
                    break;
                }
                case AT:
                    gen.writeString(Tag.toHexString((int) BinaryValues.longAt(vr, b, k)));
                    break;
                case UV:
                    gen.writeNumber(BinaryValues.unsignedAt(b, k));
                    break;
                default:
                    gen.writeNumber(BinaryValues.longAt(vr, b, k));
            }
        }
        gen.writeEndArray();
    }
}
