package org.nimbusdicom.common.model;

/** Identifies one SOP instance by its study, series and SOP Instance UIDs. Always valid UIDs. */
public record InstanceIdentifier(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {

    public InstanceIdentifier {
        DicomUid.requireValid(studyInstanceUid, "StudyInstanceUID");
        DicomUid.requireValid(seriesInstanceUid, "SeriesInstanceUID");
        DicomUid.requireValid(sopInstanceUid, "SOPInstanceUID");
    }

    public SeriesIdentifier series() {
        return new SeriesIdentifier(studyInstanceUid, seriesInstanceUid);
    }

    public StudyIdentifier study() {
        return new StudyIdentifier(studyInstanceUid);
    }

    /** The root-relative DICOMweb path of the instance. */
    public String path() {
        return series().path() + "/instances/" + sopInstanceUid;
    }
}
