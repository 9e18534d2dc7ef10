package org.nimbusdicom.query.index;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * The index rows one {@code instance.stored.v1} event turns into, produced by
 * {@link InstanceRowMapper}. JSON fields are compact JSON text, bound as jsonb.
 */
record IndexedInstance(Study study, Series series, Instance instance) {

    record Study(String studyInstanceUid, String patientName, String patientNameNorm, String patientNameWords,
            String patientId, LocalDate patientBirthDate, String patientSex, LocalDate studyDate, LocalTime studyTime,
            String accessionNumber, String studyId, String studyDescription, String referringPhysicianName,
            String referringPhysicianNameNorm, String referringPhysicianNameWords, String attributes) {
    }

    record Series(String seriesInstanceUid, String studyInstanceUid, String modality, Integer seriesNumber,
            String seriesDescription, LocalDate seriesDate, LocalTime seriesTime, String bodyPartExamined,
            String manufacturerModelName, LocalDate performedProcedureStepStartDate,
            LocalTime performedProcedureStepStartTime, String attributes) {
    }

    record Instance(String sopInstanceUid, String seriesInstanceUid, String studyInstanceUid, String sopClassUid,
            String transferSyntaxUid, String storeId, String blobKey, String metadataKey, long sizeBytes,
            Integer numberOfFrames, String pixelData, String bulkData, OffsetDateTime storedAt,
            Integer instanceNumber, Integer rows, Integer columns, String attributes) {
    }
}
