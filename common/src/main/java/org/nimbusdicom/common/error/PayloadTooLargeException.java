package org.nimbusdicom.common.error;

/** 413: the request body, a part or an element exceeds a configured limit. */
public class PayloadTooLargeException extends DicomWebException {

    public PayloadTooLargeException(String message) {
        super(413, message);
    }
}
