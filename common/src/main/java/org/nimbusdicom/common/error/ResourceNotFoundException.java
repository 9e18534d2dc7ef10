package org.nimbusdicom.common.error;

/** 404: the study, series, instance, frame or bulk data does not exist. */
public class ResourceNotFoundException extends DicomWebException {

    public ResourceNotFoundException(String message) {
        super(404, message);
    }
}
