package org.nimbusdicom.query.search;

/**
 * One QIDO result row as read from the index. Fields of levels below the query level are null.
 *
 * @param studyAttributes study-level DICOM JSON (text)
 * @param seriesAttributes series-level DICOM JSON (text), or null
 * @param instanceAttributes instance-level DICOM JSON (text), or null
 */
public record QidoRow(
        String studyInstanceUid,
        String studyAttributes,
        String[] modalitiesInStudy,
        String[] sopClassesInStudy,
        int numberOfStudyRelatedSeries,
        int numberOfStudyRelatedInstances,
        String seriesInstanceUid,
        String seriesAttributes,
        int numberOfSeriesRelatedInstances,
        String sopInstanceUid,
        String sopClassUid,
        String instanceAttributes) {
}
