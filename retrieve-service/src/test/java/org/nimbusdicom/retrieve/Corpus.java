package org.nimbusdicom.retrieve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.model.ByteRange;
import org.nimbusdicom.common.model.InstanceIdentifier;

/**
 * The codec corpus ({@code common/src/test/resources/corpus}): files, their manifest entries
 * (expected pixel data and frame byte ranges, produced by pydicom) and expected DICOM JSON.
 */
public final class Corpus {

    static final Path DIR = Path.of("../common/src/test/resources/corpus");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode manifest;

    private Corpus() {
    }

    public static synchronized JsonNode manifest() {
        if (manifest == null) {
            try {
                manifest = MAPPER.readTree(DIR.resolve("manifest.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return manifest;
    }

    public static JsonNode entry(String name) {
        for (JsonNode file : manifest().get("files")) {
            if (file.get("name").asText().equals(name)) {
                return file;
            }
        }
        throw new IllegalArgumentException("not in the corpus manifest: " + name);
    }

    public static Path file(String name) {
        return DIR.resolve("files").resolve(name);
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frame byte ranges of the manifest: frames[i] = list of {offset,length}. */
    public static List<List<ByteRange>> manifestFrames(String name) {
        List<List<ByteRange>> frames = new ArrayList<>();
        for (JsonNode frame : entry(name).get("pixel_data").get("frames")) {
            List<ByteRange> ranges = new ArrayList<>();
            for (JsonNode range : frame) {
                ranges.add(new ByteRange(range.get("offset").asLong(), range.get("length").asLong()));
            }
            frames.add(ranges);
        }
        return frames;
    }

    /** The expected bytes of frame {@code n} (1-based) according to the manifest. */
    public static byte[] manifestFrame(String name, int n) {
        byte[] file = bytes(name);
        List<ByteRange> ranges = manifestFrames(name).get(n - 1);
        int total = (int) ranges.stream().mapToLong(ByteRange::length).sum();
        byte[] frame = new byte[total];
        int at = 0;
        for (ByteRange range : ranges) {
            System.arraycopy(file, (int) range.offset(), frame, at, (int) range.length());
            at += (int) range.length();
        }
        return frame;
    }

    /** A pixel data descriptor built from the manifest (what the store computes with the scanner). */
    public static PixelDataDescriptor manifestPixelData(String name) {
        JsonNode pd = entry(name).get("pixel_data");
        boolean encapsulated = pd.get("encapsulated").asBoolean();
        List<List<ByteRange>> frames = manifestFrames(name);
        Long frameLength = encapsulated ? null : frames.get(0).get(0).length();
        return new PixelDataDescriptor(pd.get("value_offset").asLong(), pd.get("value_length").asLong(), encapsulated,
                frameLength, frames.size(), encapsulated ? frames : null);
    }

    /**
     * The expected DICOM JSON of a file as store-service would keep it: compact, with
     * {@code bulk://path} placeholders turned into root-relative bulkdata URIs of {@code id}.
     */
    public static byte[] storedMetadata(String name, InstanceIdentifier id) {
        try {
            String json = Files.readString(DIR.resolve("expected").resolve(name + ".json"), StandardCharsets.UTF_8);
            json = json.replace("\"bulk://", "\"" + id.path() + "/bulkdata/");
            return MAPPER.writeValueAsBytes(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
