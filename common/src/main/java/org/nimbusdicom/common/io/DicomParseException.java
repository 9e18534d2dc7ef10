package org.nimbusdicom.common.io;

import java.io.IOException;

/**
 * Malformed or truncated DICOM input: names the stream offset of the offending element header
 * (or of the point where the input became unreadable) and its tag path.
 *
 * <p>The tag path uses the BulkDataURI path convention: {@code 7FE00010}, {@code 300A00B0/0/300A0111},
 * {@code 7FE00010/frag4} for the 4th fragment (1-based) of encapsulated pixel data; empty when the
 * problem is not inside an element (e.g. an incomplete element header at top level).
 */
public class DicomParseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String tagPath;

    /** A parse failure described by {@code reason}, at {@code offset}, on element {@code tagPath}. */
    public DicomParseException(String reason, long offset, String tagPath) {
        this(reason, offset, tagPath, null);
    }

    /** Same with a cause. */
    public DicomParseException(String reason, long offset, String tagPath, Throwable cause) {
        super(reason + " at offset " + offset + (tagPath == null || tagPath.isEmpty() ? "" : " [" + tagPath + "]"), cause);
        this.offset = offset;
        this.tagPath = tagPath == null ? "" : tagPath;
    }

    /** Stream offset of the offending element/item header, or of the unreadable bytes. */
    public long offset() {
        return offset;
    }

    /** Tag path of the offending element ({@code ""} if none). */
    public String tagPath() {
        return tagPath;
    }
}
