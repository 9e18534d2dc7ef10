package org.nimbusdicom.store.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.io.ScannedInstance;
import org.nimbusdicom.common.json.BulkDataUriBuilder;
import org.nimbusdicom.common.json.DicomJsonWriter;

/**
 * Maps a parsed instance to what is written about it: the metadata object stored next to the
 * blob (DICOM JSON with root-relative BulkDataURIs) and the {@code instance.stored.v1} event
 * (wire type from {@code common.event}; attributes limited to what the index needs).
 */
@ApplicationScoped
public class StoredInstanceMapper {

    /**
     * Patient, study, series and instance attributes carried by the event for the index (QIDO
     * matching and default return keys of PS3.18 §10.6.3.3 plus the commonly requested ones).
     * Never binary values, so the event stays small.
     */
    static final int[] INDEXED_TAGS = {
        Tag.SpecificCharacterSet,
        Tag.ImageType,
        Tag.SOPClassUID,
        Tag.SOPInstanceUID,
        Tag.StudyDate,
        Tag.SeriesDate,
        Tag.AcquisitionDateTime,
        Tag.ContentDate,
        Tag.StudyTime,
        Tag.SeriesTime,
        Tag.ContentTime,
        Tag.AccessionNumber,
        Tag.Modality,
        Tag.Manufacturer,
        Tag.InstitutionName,
        Tag.ReferringPhysicianName,
        Tag.TimezoneOffsetFromUTC,
        Tag.StationName,
        Tag.StudyDescription,
        Tag.SeriesDescription,
        Tag.ManufacturerModelName,
        Tag.PatientName,
        Tag.PatientID,
        Tag.IssuerOfPatientID,
        Tag.PatientBirthDate,
        Tag.PatientSex,
        Tag.OtherPatientIDs,
        Tag.PatientAge,
        Tag.BodyPartExamined,
        Tag.StudyInstanceUID,
        Tag.SeriesInstanceUID,
        Tag.StudyID,
        Tag.SeriesNumber,
        Tag.InstanceNumber,
        Tag.Laterality,
        Tag.NumberOfFrames,
        Tag.Rows,
        Tag.Columns,
        Tag.BitsAllocated,
        Tag.PerformedProcedureStepStartDate,
        Tag.PerformedProcedureStepStartTime,
    };

    /** The metadata JSON object (compact UTF-8), BulkDataURIs rooted at the instance path. */
    public byte[] metadataJson(ParsedInstance instance) {
        return DicomJsonWriter.toJsonBytes(instance.scanned().dataset(), bulkDataUris(instance));
    }

    /** The {@code instance.stored.v1} event data of a stored copy. */
    public InstanceStoredEvent storedEvent(ParsedInstance instance, String storeId, String blobKey, String metadataKey,
            Instant storedAt) {
        ScannedInstance scanned = instance.scanned();
        Attributes indexed = scanned.dataset().select(INDEXED_TAGS);
        ObjectNode attributes = DicomJsonWriter.toObjectNode(indexed, bulkDataUris(instance));
        // Deflated data sets: offsets point into the inflated stream, useless for ranged reads of
        // the blob; retrieve-service then has to read the blob instead of a range.
        PixelDataDescriptor pixelData = scanned.offsetsReliable() ? scanned.pixelData() : null;
        return new InstanceStoredEvent(
                instance.identifier().studyInstanceUid(),
                instance.identifier().seriesInstanceUid(),
                instance.identifier().sopInstanceUid(),
                instance.sopClassUid(),
                scanned.transferSyntaxUid(),
                storeId,
                blobKey,
                metadataKey,
                scanned.size(),
                numberOfFrames(scanned),
                pixelData,
                scanned.offsetsReliable() ? scanned.bulkData() : java.util.List.of(),
                attributes,
                storedAt.toString());
    }

    /** Frames of the instance: from the pixel data descriptor, else NumberOfFrames, else null (no pixel data). */
    static Integer numberOfFrames(ScannedInstance scanned) {
        if (scanned.pixelData() != null) {
            return scanned.pixelData().numberOfFrames();
        }
        String value = scanned.dataset().getString(Tag.NumberOfFrames);
        if (value != null) {
            try {
                return Integer.valueOf(value.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static BulkDataUriBuilder bulkDataUris(ParsedInstance instance) {
        String prefix = instance.identifier().path() + "/bulkdata/";
        return tagPath -> prefix + tagPath;
    }
}
