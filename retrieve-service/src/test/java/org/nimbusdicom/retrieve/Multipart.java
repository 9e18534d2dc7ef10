package org.nimbusdicom.retrieve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nimbusdicom.common.mime.MultipartPart;
import org.nimbusdicom.common.mime.MultipartRelatedReader;

/** Test helper: a whole multipart/related response body split into its parts. */
public final class Multipart {

    /** One part: its headers and body. */
    public record Part(Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().isEmpty() ? null : e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private Multipart() {
    }

    public static List<Part> parse(byte[] body, String contentType) throws IOException {
        List<Part> parts = new ArrayList<>();
        try (MultipartRelatedReader reader = MultipartRelatedReader.open(new ByteArrayInputStream(body), contentType)) {
            for (MultipartPart part; (part = reader.nextPart()) != null; ) {
                parts.add(new Part(part.headers(), part.body().readAllBytes()));
            }
        }
        return parts;
    }
}
