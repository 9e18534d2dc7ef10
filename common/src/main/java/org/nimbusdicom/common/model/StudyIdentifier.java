package org.nimbusdicom.common.model;

/** Identifies a study by its StudyInstanceUID (0020,000D). Always holds a valid UID. */
public record StudyIdentifier(String studyInstanceUid) {

    public StudyIdentifier {
        DicomUid.requireValid(studyInstanceUid, "StudyInstanceUID");
    }

    /** The root-relative DICOMweb path of the study, e.g. {@code /studies/1.2.3}. */
    public String path() {
        return "/studies/" + studyInstanceUid;
    }
}
