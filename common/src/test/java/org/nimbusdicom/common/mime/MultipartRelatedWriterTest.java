package org.nimbusdicom.common.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultipartRelatedWriterTest {

    @Test
    void writesExactFraming() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartRelatedWriter writer = new MultipartRelatedWriter(out, "B");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Location", "/studies/1");
        writer.writePart("application/dicom", headers, "one".getBytes(StandardCharsets.US_ASCII));
        try (OutputStream part = writer.startPart("application/octet-stream", null)) {
            part.write("two".getBytes(StandardCharsets.US_ASCII));
        }
        writer.close();
        writer.close(); // idempotent
        assertEquals("--B\r\nContent-Type: application/dicom\r\nContent-Location: /studies/1\r\n\r\none"
                + "\r\n--B\r\nContent-Type: application/octet-stream\r\n\r\ntwo"
                + "\r\n--B--\r\n", out.toString(StandardCharsets.ISO_8859_1));
        assertEquals("multipart/related; type=\"application/dicom\"; boundary=B", writer.contentType("application/dicom"));
    }

    @Test
    void emptyEntityIsWellFormed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MultipartRelatedWriter(out, "B").close();
        assertEquals("--B--\r\n", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void boundariesAreRandomAndValid() {
        String a = MultipartRelatedWriter.newBoundary();
        assertNotEquals(a, MultipartRelatedWriter.newBoundary());
        assertTrue(a.length() <= 70);
        assertTrue(a.chars().allMatch(MediaTypes::isTokenChar));
    }

    @Test
    void rejectsHeaderInjectionAndMisuse() throws IOException {
        MultipartRelatedWriter writer = new MultipartRelatedWriter(new ByteArrayOutputStream(), "B");
        assertThrows(IllegalArgumentException.class,
                () -> writer.startPart("a/b", Map.of("X", "v\r\nInjected: 1")));
        OutputStream open = writer.startPart("a/b", null);
        assertThrows(IllegalStateException.class, () -> writer.startPart("a/b", null));
        open.close();
        writer.close();
        assertThrows(IllegalStateException.class, () -> writer.startPart("a/b", null));
        assertThrows(IllegalArgumentException.class, () -> new MultipartRelatedWriter(new ByteArrayOutputStream(), ""));
    }
}
