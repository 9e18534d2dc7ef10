package org.nimbusdicom.common.error;

/** 406: none of the media types or transfer syntaxes in Accept can be produced. */
public class NotAcceptableException extends DicomWebException {

    public NotAcceptableException(String message) {
        super(406, message);
    }
}
