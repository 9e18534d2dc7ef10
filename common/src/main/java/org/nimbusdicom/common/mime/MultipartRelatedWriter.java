package org.nimbusdicom.common.mime;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming writer of a {@code multipart/related} body: each part's headers, then its body
 * copied from a stream (or written through {@link #startPart}), then the close delimiter on
 * {@link #close()}. Nothing is buffered beyond a copy buffer, so WADO responses of any size
 * stream straight from S3 to the client.
 *
 * <pre>{@code
 * MultipartRelatedWriter writer = new MultipartRelatedWriter(out);
 * response.header("Content-Type", writer.contentType("application/dicom"));
 * writer.writePart("application/dicom", Map.of("Content-Location", url), blobStream);
 * writer.close(); // writes --boundary-- (does not close out)
 * }</pre>
 */
public final class MultipartRelatedWriter implements Closeable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BOUNDARY_CHARS =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final String boundary;
    private final byte[] delimiter;
    private boolean firstPart = true;
    private boolean closed;
    private PartStream openPart;

    /** A writer with a fresh random boundary. */
    public MultipartRelatedWriter(OutputStream out) {
        this(out, newBoundary());
    }

    /** A writer with the given boundary (1-70 characters, RFC 2046 bchars). */
    public MultipartRelatedWriter(OutputStream out, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")) {
            throw new IllegalArgumentException("invalid multipart boundary");
        }
        this.out = out;
        this.boundary = boundary;
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A random boundary of 40 alphanumeric characters (238 bits). Bodies are arbitrary binary,
     * so the boundary is made improbable rather than checked against the content.
     */
    public static String newBoundary() {
        char[] chars = new char[40];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = BOUNDARY_CHARS[RANDOM.nextInt(BOUNDARY_CHARS.length)];
        }
        return "nimbus-" + new String(chars);
    }

    /** The boundary in use. */
    public String boundary() {
        return boundary;
    }

    /** The {@code Content-Type} value for the response: {@code multipart/related; type="..."; boundary=...}. */
    public String contentType(String rootType) {
        return MediaTypes.multipartRelated(rootType, boundary);
    }

    /** Writes one part whose body is copied from {@code body} (not closed by this method). */
    public void writePart(String contentType, Map<String, String> headers, InputStream body) throws IOException {
        try (OutputStream part = startPart(contentType, headers)) {
            body.transferTo(part);
        }
    }

    /** Writes one part with a small in-memory body. */
    public void writePart(String contentType, Map<String, String> headers, byte[] body) throws IOException {
        try (OutputStream part = startPart(contentType, headers)) {
            part.write(body);
        }
    }

    /**
     * Writes the delimiter and headers of a new part and returns a stream for its body. Closing
     * that stream ends the part (the underlying stream stays open).
     */
    public OutputStream startPart(String contentType, Map<String, String> headers) throws IOException {
        if (closed) {
            throw new IllegalStateException("multipart writer already closed");
        }
        if (openPart != null) {
            throw new IllegalStateException("previous part not closed");
        }
        Map<String, String> all = new LinkedHashMap<>();
        if (contentType != null) {
            all.put("Content-Type", contentType);
        }
        if (headers != null) {
            all.putAll(headers);
        }
        if (!firstPart) {
            out.write(CRLF);
        }
        firstPart = false;
        out.write(delimiter);
        out.write(CRLF);
        for (Map.Entry<String, String> header : all.entrySet()) {
            String value = header.getValue();
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || header.getKey().indexOf(':') >= 0) {
                throw new IllegalArgumentException("illegal characters in part header " + header.getKey());
            }
            out.write((header.getKey() + ": " + value).getBytes(StandardCharsets.ISO_8859_1));
            out.write(CRLF);
        }
        out.write(CRLF);
        openPart = new PartStream(out);
        return openPart;
    }

    /**
     * Writes the close delimiter ({@code --boundary--}) and flushes; the underlying stream stays
     * open. A body with no parts still gets a well-formed (empty) entity.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        if (openPart != null) {
            openPart.close();
        }
        closed = true;
        if (!firstPart) {
            out.write(CRLF);
        }
        out.write(delimiter);
        out.write('-');
        out.write('-');
        out.write(CRLF);
        out.flush();
    }

    private final class PartStream extends FilterOutputStream {
        private boolean ended;

        PartStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                openPart = null;
            }
        }
    }
}
