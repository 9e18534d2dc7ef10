package org.nimbusdicom.retrieve.metadata;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites the root-relative BulkDataURIs of stored metadata to absolute URLs while the bytes
 * stream through: every occurrence of {@code "BulkDataURI":"/} becomes
 * {@code "BulkDataURI":"{publicBase}/}. A byte-pattern replacement (KMP automaton, so matches that
 * straddle write boundaries are found) — the JSON is never parsed or re-serialized. Stored
 * metadata is compact (architecture.md), so the pattern has no optional whitespace.
 */
public final class BulkDataUriRewritingOutputStream extends FilterOutputStream {

    static final byte[] PATTERN = "\"BulkDataURI\":\"/".getBytes(StandardCharsets.US_ASCII);
    private static final int[] FAILURE = failureFunction(PATTERN);

    private final byte[] replacement;
    private final byte[] buffer = new byte[8192];
    private int buffered;
    /** Bytes of PATTERN matched so far and held back (they are PATTERN[0..matched)). */
    private int matched;

    /** @param publicBase absolute base URL without trailing slash, e.g. {@code https://pacs.example.org/dicomweb} */
    public BulkDataUriRewritingOutputStream(OutputStream out, String publicBase) {
        super(out);
        String escaped = publicBase.replace("\\", "\\\\").replace("\"", "\\\"");
        this.replacement = ("\"BulkDataURI\":\"" + escaped + "/").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) throws IOException {
        accept((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (matched == 0 && c != PATTERN[0]) {
                // fast path: most bytes are not the start of a match
                if (buffered == buffer.length) {
                    drain();
                }
                buffer[buffered++] = c;
            } else {
                accept(c);
            }
        }
    }

    private void accept(byte c) throws IOException {
        while (matched > 0 && PATTERN[matched] != c) {
            int fallback = FAILURE[matched - 1];
            emit(PATTERN, 0, matched - fallback);
            matched = fallback;
        }
        if (PATTERN[matched] == c) {
            matched++;
            if (matched == PATTERN.length) {
                emit(replacement, 0, replacement.length);
                matched = 0;
            }
        } else {
            emit(c);
        }
    }

    private void emit(byte c) throws IOException {
        if (buffered == buffer.length) {
            drain();
        }
        buffer[buffered++] = c;
    }

    private void emit(byte[] bytes, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            emit(bytes[i]);
        }
    }

    private void drain() throws IOException {
        if (buffered > 0) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
    }

    /** Writes out held-back bytes of a partial match (the end of the stream can't complete it). */
    public void finish() throws IOException {
        emit(PATTERN, 0, matched);
        matched = 0;
        drain();
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.flush();
        // the underlying (response) stream is owned by the caller
    }

    private static int[] failureFunction(byte[] pattern) {
        int[] failure = new int[pattern.length];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = failure[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            failure[i] = k;
        }
        return failure;
    }
}
