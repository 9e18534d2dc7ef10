package org.nimbusdicom.common.error;

/** 415: the request's Content-Type is missing or not supported by this endpoint. */
public class UnsupportedMediaTypeException extends DicomWebException {

    public UnsupportedMediaTypeException(String message) {
        super(415, message);
    }
}
