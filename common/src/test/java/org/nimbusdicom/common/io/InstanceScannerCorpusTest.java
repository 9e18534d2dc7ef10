package org.nimbusdicom.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.json.DicomJsonWriter;
import org.nimbusdicom.common.model.ByteRange;

/**
 * Every corpus file: scan, DICOM JSON equal to {@code expected/<name>.json} (corpus conventions),
 * meta group equal to the manifest, frame ranges equal to the manifest; malformed files fail with
 * {@link DicomParseException} at the manifest's offset and element.
 */
class InstanceScannerCorpusTest {

    /**
     * Deliberate differences from the expected JSON: file name to "path: message" prefixes, each
     * with the reason. Keep this minimal.
     */
    static final Map<String, List<String>> ALLOWED_DIFFERENCES = Map.of();

    static Stream<JsonNode> ok() {
        return Corpus.ok();
    }

    static Stream<JsonNode> errors() {
        return Corpus.errors();
    }

    static ScannedInstance scan(JsonNode entry) throws IOException {
        try (InputStream in = new BufferedInputStream(Corpus.open(entry))) {
            return InstanceScanner.scan(in, ScanOptions.defaults());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ok")
    void jsonMatchesExpected(JsonNode entry) throws IOException {
        ScannedInstance s = scan(entry);
        JsonNode actual = DicomJsonWriter.toObjectNode(s.dataset(), path -> "bulk://" + path);
        List<String> diffs = new ArrayList<>(Corpus.diff(Corpus.expectedJson(entry), actual));
        List<String> allowed = ALLOWED_DIFFERENCES.getOrDefault(entry.get("name").asText(), List.of());
        diffs.removeIf(d -> allowed.stream().anyMatch(d::startsWith));
        assertTrue(diffs.isEmpty(), () -> entry.get("name") + " differs:\n" + String.join("\n", diffs));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ok")
    void metaTransferSyntaxAndSize(JsonNode entry) throws IOException {
        ScannedInstance s = scan(entry);
        assertEquals(entry.get("transfer_syntax_uid").asText(), s.transferSyntaxUid());
        assertEquals(entry.get("size").asLong(), s.size());
        assertEquals(Files.size(Corpus.file(entry)), s.size());
        JsonNode meta = entry.get("meta");
        if (meta != null && meta.size() > 0) {
            JsonNode actual = DicomJsonWriter.toObjectNode(s.fileMetaInformation(), path -> "bulk://" + path);
            List<String> diffs = Corpus.diff(meta, actual);
            assertTrue(diffs.isEmpty(), () -> "meta differs:\n" + String.join("\n", diffs));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ok")
    void frameRangesMatchManifest(JsonNode entry) throws IOException {
        ScannedInstance s = scan(entry);
        JsonNode pd = entry.get("pixel_data");
        PixelDataDescriptor d = s.pixelData();
        if (pd == null || pd.isNull()) {
            assertNull(d, "no pixel data expected");
            return;
        }
        assertNotNull(d, "pixel data expected");
        assertEquals(pd.get("value_offset").asLong(), d.valueOffset(), "value offset");
        assertEquals(pd.get("value_length").asLong(), d.valueLength(), "value length");
        assertEquals(pd.get("encapsulated").asBoolean(), d.encapsulated(), "encapsulated");
        JsonNode frames = pd.get("frames");
        if (!frames.isArray()) {
            // "unknown": the descriptor must not pretend to know
            if (d.encapsulated()) {
                assertNull(d.frames(), "frames should be unknown: " + pd.path("frame_note").asText());
            } else {
                assertNull(d.frameLength(), "frame length should be unknown: " + pd.path("frame_note").asText());
            }
            return;
        }
        assertEquals(frames.size(), d.numberOfFrames(), "number of frames");
        for (int i = 0; i < frames.size(); i++) {
            List<ByteRange> expected = new ArrayList<>();
            frames.get(i).forEach(r -> expected.add(new ByteRange(r.get("offset").asLong(), r.get("length").asLong())));
            assertEquals(expected, d.frame(i + 1), "frame " + (i + 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void malformedFilesFail(JsonNode entry) {
        DicomParseException e = assertThrows(DicomParseException.class, () -> scan(entry));
        JsonNode expected = entry.get("expected");
        assertEquals(expected.get("fail_offset").asLong(), e.offset(), () -> "offset; message: " + e.getMessage());
        assertEquals(expected.get("element_path").asText(), e.tagPath(), () -> "element; message: " + e.getMessage());
    }
}
