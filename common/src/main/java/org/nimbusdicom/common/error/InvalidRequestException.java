package org.nimbusdicom.common.error;

/** 400: a malformed request, parameter or UID. The message names the offending parameter. */
public class InvalidRequestException extends DicomWebException {

    public InvalidRequestException(String message) {
        super(400, message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(400, message, null, cause);
    }
}
