package org.nimbusdicom.delete.api;

import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.SeriesIdentifier;
import org.nimbusdicom.common.model.StudyIdentifier;

/** Turns path parameters into identifiers, answering 400 (naming the parameter) for a bad UID. */
final class UidPathParameters {

    private UidPathParameters() {
    }

    static StudyIdentifier study(String study) {
        try {
            return new StudyIdentifier(study);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    static SeriesIdentifier series(String study, String series) {
        try {
            return new SeriesIdentifier(study, series);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    static InstanceIdentifier instance(String study, String series, String sop) {
        try {
            return new InstanceIdentifier(study, series, sop);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }
}
