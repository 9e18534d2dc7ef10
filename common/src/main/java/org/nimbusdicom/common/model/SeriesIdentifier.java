package org.nimbusdicom.common.model;

/** Identifies a series within its study. Always holds valid UIDs. */
public record SeriesIdentifier(String studyInstanceUid, String seriesInstanceUid) {

    public SeriesIdentifier {
        DicomUid.requireValid(studyInstanceUid, "StudyInstanceUID");
        DicomUid.requireValid(seriesInstanceUid, "SeriesInstanceUID");
    }

    public StudyIdentifier study() {
        return new StudyIdentifier(studyInstanceUid);
    }

    /** The root-relative DICOMweb path of the series. */
    public String path() {
        return "/studies/" + studyInstanceUid + "/series/" + seriesInstanceUid;
    }
}
