package org.nimbusdicom.query.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * The index rows one {@code instance.stored.v1} event turns into, produced by
 * {@link InstanceRowMapper}. {@code attributes} are DICOM JSON objects (bound as jsonb); the
 * pixel/bulk data descriptors are compact JSON text.
 */
record IndexedInstance(Study study, Series series, Instance instance) {

    record Study(String studyInstanceUid, String patientName, String patientNameNorm, String patientNameWords,
            String patientId, LocalDate patientBirthDate, String patientSex, LocalDate studyDate, LocalTime studyTime,
            String accessionNumber, String studyId, String studyDescription, String referringPhysicianName,
            String referringPhysicianNameNorm, String referringPhysicianNameWords, ObjectNode attributes) {

        /** This study row updated by a later instance of the same study: newer non-null values win. */
        Study mergedWith(Study later) {
            ObjectNode merged = attributes.deepCopy();
            merged.setAll(later.attributes);
            return new Study(studyInstanceUid, or(later.patientName, patientName), or(later.patientNameNorm, patientNameNorm),
                    or(later.patientNameWords, patientNameWords), or(later.patientId, patientId),
                    or(later.patientBirthDate, patientBirthDate), or(later.patientSex, patientSex),
                    or(later.studyDate, studyDate), or(later.studyTime, studyTime),
                    or(later.accessionNumber, accessionNumber), or(later.studyId, studyId),
                    or(later.studyDescription, studyDescription), or(later.referringPhysicianName, referringPhysicianName),
                    or(later.referringPhysicianNameNorm, referringPhysicianNameNorm),
                    or(later.referringPhysicianNameWords, referringPhysicianNameWords), merged);
        }
    }

    record Series(String seriesInstanceUid, String studyInstanceUid, String modality, Integer seriesNumber,
            String seriesDescription, LocalDate seriesDate, LocalTime seriesTime, String bodyPartExamined,
            String manufacturerModelName, LocalDate performedProcedureStepStartDate,
            LocalTime performedProcedureStepStartTime, ObjectNode attributes) {

        /** This series row updated by a later instance of the same series: newer non-null values win. */
        Series mergedWith(Series later) {
            ObjectNode merged = attributes.deepCopy();
            merged.setAll(later.attributes);
            return new Series(seriesInstanceUid, studyInstanceUid, or(later.modality, modality),
                    or(later.seriesNumber, seriesNumber), or(later.seriesDescription, seriesDescription),
                    or(later.seriesDate, seriesDate), or(later.seriesTime, seriesTime),
                    or(later.bodyPartExamined, bodyPartExamined), or(later.manufacturerModelName, manufacturerModelName),
                    or(later.performedProcedureStepStartDate, performedProcedureStepStartDate),
                    or(later.performedProcedureStepStartTime, performedProcedureStepStartTime), merged);
        }
    }

    record Instance(String sopInstanceUid, String seriesInstanceUid, String studyInstanceUid, String sopClassUid,
            String transferSyntaxUid, String storeId, String blobKey, String metadataKey, long sizeBytes,
            Integer numberOfFrames, String pixelData, String bulkData, OffsetDateTime storedAt,
            Integer instanceNumber, Integer rows, Integer columns, ObjectNode attributes) {
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
