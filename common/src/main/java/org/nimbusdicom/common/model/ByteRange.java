package org.nimbusdicom.common.model;

/** A contiguous range of bytes in a stored blob: {@code length} bytes starting at {@code offset}. */
public record ByteRange(long offset, long length) {

    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative byte range " + offset + "+" + length);
        }
    }

    /** Offset of the last byte (inclusive), as used by an HTTP {@code Range: bytes=first-last} header. */
    public long lastByte() {
        return offset + length - 1;
    }

    /** The value of an HTTP Range header selecting this range. */
    public String httpRange() {
        return "bytes=" + offset + "-" + lastByte();
    }
}
