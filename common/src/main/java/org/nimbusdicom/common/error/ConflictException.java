package org.nimbusdicom.common.error;

/** 409: the request conflicts with the stored state. */
public class ConflictException extends DicomWebException {

    public ConflictException(String message, Integer failureReason) {
        super(409, message, failureReason, null);
    }
}
