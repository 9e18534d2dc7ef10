package org.nimbusdicom.retrieve.bulkdata;

import org.nimbusdicom.common.error.DicomWebException;

/** 416: the Range header selects nothing of the bulk data value. */
public class RangeNotSatisfiableException extends DicomWebException {

    private final long length;

    public RangeNotSatisfiableException(String message, long length) {
        super(416, message);
        this.length = length;
    }

    /** Length of the whole value, for {@code Content-Range: bytes * /length}. */
    public long length() {
        return length;
    }
}
