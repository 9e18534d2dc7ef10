package org.nimbusdicom.common.mime;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Streaming reader of a {@code multipart/related} body (RFC 2387 / PS3.18 §8.6), built on
 * mime4j's {@link MimeTokenStream}: parts are handed out one at a time with a stream over their
 * body, so memory use does not depend on the size of a part or of the request.
 *
 * <p>Parsing is strict about the framing: a body that ends before the close delimiter
 * ({@code --boundary--}) is reported as {@link MalformedMultipartException}, so a truncated upload
 * is never mistaken for a complete one. As RFC 2046 §5.1.1 requires of senders, the boundary must
 * not occur in any body: mime4j may recognise {@code --boundary} even where it does not follow a
 * line break (when a read ends right before it), so a sender violating that rule gets a split part. Preamble and epilogue are ignored. Parts are not parsed
 * recursively (a nested multipart part is returned as an opaque body).
 *
 * <pre>{@code
 * try (MultipartRelatedReader reader = MultipartRelatedReader.open(in, contentType)) {
 *     for (MultipartPart part; (part = reader.nextPart()) != null; ) {
 *         consume(part.contentType(), part.body());
 *     }
 * }
 * }</pre>
 */
public final class MultipartRelatedReader implements Closeable {

    /** Upper bound on header lines per part, against header floods. */
    static final int MAX_HEADER_COUNT = 200;
    /** Upper bound on the length of one part header, in bytes. */
    static final int MAX_HEADER_LENGTH = 64 * 1024;

    private final MediaTypes.MediaType contentType;
    private final MimeTokenStream tokens;
    private final InputStream source;
    private PartBody currentBody;
    private int partCount;
    private boolean finished;

    private MultipartRelatedReader(MediaTypes.MediaType contentType, MimeTokenStream tokens, InputStream source) {
        this.contentType = contentType;
        this.tokens = tokens;
        this.source = source;
    }

    /**
     * Starts reading {@code body} as the multipart entity described by {@code contentTypeValue}.
     *
     * @throws IllegalArgumentException when the Content-Type is not a multipart type with a boundary
     * @throws MalformedMultipartException when the body does not start like a multipart entity
     */
    public static MultipartRelatedReader open(InputStream body, String contentTypeValue) throws IOException {
        MediaTypes.MediaType type = MediaTypes.parse(contentTypeValue);
        if (!"multipart".equals(type.type())) {
            throw new IllegalArgumentException("not a multipart media type: " + type.essence());
        }
        String boundary = type.parameter(MediaTypes.PARAM_BOUNDARY);
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("multipart boundary missing or longer than 70 characters");
        }
        MimeConfig config = MimeConfig.custom()
                .setStrictParsing(true)
                .setMaxContentLen(-1)
                .setMaxLineLen(-1)
                .setMaxHeaderLen(MAX_HEADER_LENGTH)
                .setMaxHeaderCount(MAX_HEADER_COUNT)
                .build();
        MimeTokenStream tokens = new MimeTokenStream(config);
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        // mime4j re-parses this value: hand it a normalized one with a safely quoted boundary
        tokens.parseHeadless(body, type.essence() + "; boundary=" + MediaTypes.quoteIfNeeded(boundary));
        MultipartRelatedReader reader = new MultipartRelatedReader(type, tokens, body);
        reader.expectStart();
        return reader;
    }

    /** The parsed Content-Type of the whole entity. */
    public MediaTypes.MediaType contentType() {
        return contentType;
    }

    /** The {@code type} parameter (media type of the root part), or {@code null}. */
    public String rootType() {
        String type = contentType.parameter(MediaTypes.PARAM_TYPE);
        return type == null ? null : type.toLowerCase(Locale.ROOT);
    }

    /** The {@code start} parameter (Content-ID of the root part), or {@code null}. */
    public String start() {
        return contentType.parameter(MediaTypes.PARAM_START);
    }

    /** Number of parts handed out so far. */
    public int partCount() {
        return partCount;
    }

    /**
     * Advances to the next part, skipping whatever the caller left unread of the previous one.
     *
     * @return the next part, or {@code null} after the close delimiter
     * @throws MalformedMultipartException on broken framing (e.g. no close delimiter)
     * @throws IOException when reading the underlying stream fails
     */
    public MultipartPart nextPart() throws IOException {
        if (finished) {
            return null;
        }
        if (currentBody != null) {
            currentBody.drain();
            currentBody.invalidate();
            currentBody = null;
        }
        Map<String, List<String>> headers = null;
        while (true) {
            EntityState state = advance();
            switch (state) {
                case T_START_BODYPART -> headers = new LinkedHashMap<>();
                case T_FIELD -> {
                    if (headers == null) {
                        throw new MalformedMultipartException("header outside a body part");
                    }
                    Field field = tokens.getField();
                    headers.computeIfAbsent(field.getName().trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                            .add(unfold(field.getBody()));
                }
                case T_BODY -> {
                    if (headers == null) {
                        throw new MalformedMultipartException("body outside a body part");
                    }
                    currentBody = new PartBody(tokens.getDecodedInputStream());
                    return new MultipartPart(partCount++, headers, currentBody);
                }
                case T_END_MULTIPART, T_END_OF_STREAM -> {
                    finished = true;
                    return null;
                }
                default -> {
                    // T_PREAMBLE, T_EPILOGUE, T_END_HEADER, T_END_BODYPART: nothing to hand out
                }
            }
        }
    }

    private void expectStart() throws IOException {
        EntityState state = tokens.getState();
        if (state != EntityState.T_START_MULTIPART) {
            throw new MalformedMultipartException("body is not a multipart entity (state " + state + ")");
        }
    }

    private EntityState advance() throws IOException {
        try {
            return tokens.next();
        } catch (MimeException e) {
            throw new MalformedMultipartException("malformed multipart body: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unwrap(e);
        }
    }

    /** mime4j reports strict-mode violations found while reading a body as MimeIOException. */
    static IOException unwrap(IOException e) {
        if (e instanceof org.apache.james.mime4j.io.MaxLineLimitException) {
            return new MalformedMultipartException("malformed multipart body: " + e.getMessage(), e);
        }
        if (e instanceof org.apache.james.mime4j.MimeIOException && e.getCause() instanceof MimeException) {
            return new MalformedMultipartException("malformed multipart body: " + e.getCause().getMessage(), e);
        }
        return e;
    }

    private static String unfold(String value) {
        return value.replace("\r\n", "").replace("\n", "").trim();
    }

    /** Closes the underlying request stream. */
    @Override
    public void close() throws IOException {
        finished = true;
        tokens.stop();
        source.close();
    }

    /** A body stream that maps framing errors, ignores close(), and dies when the reader moves on. */
    private static final class PartBody extends FilterInputStream {
        private boolean valid = true;

        PartBody(InputStream in) {
            super(in);
        }

        void invalidate() {
            valid = false;
        }

        void drain() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discard
            }
        }

        private void check() throws IOException {
            if (!valid) {
                throw new IOException("part body read after the reader moved to the next part");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            try {
                return super.read();
            } catch (IOException e) {
                throw unwrap(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw unwrap(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            check();
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw unwrap(e);
            }
        }

        @Override
        public void close() {
            // the part's body is owned by the reader
        }
    }
}
