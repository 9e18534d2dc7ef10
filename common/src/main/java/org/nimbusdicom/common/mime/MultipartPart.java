package org.nimbusdicom.common.mime;

import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One body part of a multipart/related entity: its headers and a stream over its (decoded) body.
 * The body stream is valid only until the reader moves to the next part; closing it does not
 * close the underlying request.
 */
public final class MultipartPart {

    private final int index;
    private final Map<String, List<String>> headers;
    private final InputStream body;

    MultipartPart(int index, Map<String, List<String>> headers, InputStream body) {
        this.index = index;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    /** 0-based position of the part in the entity. */
    public int index() {
        return index;
    }

    /** All headers of the part; names lower-case, values in order of appearance. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** First value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The raw {@code Content-Type} value of the part, or {@code null} when the part has none. */
    public String contentTypeValue() {
        return header("Content-Type");
    }

    /**
     * The parsed {@code Content-Type} of the part, or {@code null} when absent.
     *
     * @throws IllegalArgumentException when present but malformed
     */
    public MediaTypes.MediaType contentType() {
        String value = contentTypeValue();
        return value == null ? null : MediaTypes.parse(value);
    }

    /** The {@code Content-Location} of the part, or {@code null}. */
    public String contentLocation() {
        return header("Content-Location");
    }

    /** The {@code Content-ID} of the part, or {@code null}. */
    public String contentId() {
        return header("Content-ID");
    }

    /** The {@code transfer-syntax} parameter of the part's Content-Type, or {@code null}. */
    public String transferSyntax() {
        try {
            MediaTypes.MediaType type = contentType();
            return type == null ? null : type.parameter(MediaTypes.PARAM_TRANSFER_SYNTAX);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The decoded body, streamed from the request (never buffered whole). */
    public InputStream body() {
        return body;
    }
}
