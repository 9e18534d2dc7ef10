package org.nimbusdicom.retrieve.bulkdata;

import org.nimbusdicom.common.model.ByteRange;

/** A single-range {@code Range: bytes=...} request header (RFC 9110 §14.2), resolved against a value length. */
public final class HttpRange {

    /** Thrown when the range cannot be satisfied (answered 416 with {@code Content-Range: bytes * /length}). */
    public static final class Unsatisfiable extends RuntimeException {
        public Unsatisfiable(String message) {
            super(message);
        }
    }

    private HttpRange() {
    }

    /**
     * The sub-range of {@code [0, length)} selected by {@code header}, or null when the header is
     * absent, not a bytes range, or a multi-range request (those are answered with the whole
     * value, which RFC 9110 permits).
     *
     * @throws Unsatisfiable when the range starts at or beyond the end
     */
    public static ByteRange resolve(String header, long length) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        try {
            if (first.isEmpty()) {
                if (last.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(last);
                if (suffix == 0) {
                    throw new Unsatisfiable("empty suffix range");
                }
                long n = Math.min(suffix, length);
                return new ByteRange(length - n, n);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? length - 1 : Math.min(Long.parseLong(last), length - 1);
            if (start >= length) {
                throw new Unsatisfiable("range starts at " + start + " but the value has " + length + " bytes");
            }
            if (end < start) {
                return null;
            }
            return new ByteRange(start, end - start + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
