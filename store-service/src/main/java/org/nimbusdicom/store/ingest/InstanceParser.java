package org.nimbusdicom.store.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.error.FailureReason;
import org.nimbusdicom.common.io.InstanceScanner;
import org.nimbusdicom.common.io.ScanOptions;
import org.nimbusdicom.common.io.ScannedInstance;
import org.nimbusdicom.common.model.DicomUid;
import org.nimbusdicom.common.model.InstanceIdentifier;

/**
 * Parses a staged part with the codec's scanner (values above the bulk threshold are not loaded,
 * only located) and validates what STOW requires of every instance: Study, Series and SOP
 * Instance UIDs and the SOP Class UID present and syntactically valid.
 */
@ApplicationScoped
public class InstanceParser {

    /**
     * @throws InvalidInstanceException with 49152 (cannot understand) when the part is not a
     *         Part 10 instance, 43264 (validation failure) when a required UID is missing or invalid
     */
    ParsedInstance parse(StagedPart part) throws InvalidInstanceException {
        ScannedInstance scanned;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(part.file()), 64 * 1024)) {
            scanned = InstanceScanner.scan(in, ScanOptions.defaults());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInstanceException(new InstanceFailure(null, null, FailureReason.CANNOT_UNDERSTAND,
                    "not a DICOM Part 10 instance: " + e.getMessage()));
        }
        Attributes dataset = scanned.dataset();
        String sopClass = uid(dataset, Tag.SOPClassUID);
        String sopInstance = uid(dataset, Tag.SOPInstanceUID);
        String study = uid(dataset, Tag.StudyInstanceUID);
        String series = uid(dataset, Tag.SeriesInstanceUID);
        String knownClass = DicomUid.isValid(sopClass) ? sopClass : null;
        String knownInstance = DicomUid.isValid(sopInstance) ? sopInstance : null;
        require(sopClass, "SOPClassUID", knownClass, knownInstance);
        require(sopInstance, "SOPInstanceUID", knownClass, knownInstance);
        require(study, "StudyInstanceUID", knownClass, knownInstance);
        require(series, "SeriesInstanceUID", knownClass, knownInstance);
        return new ParsedInstance(new InstanceIdentifier(study, series, sopInstance), sopClass, scanned);
    }

    private static void require(String uid, String keyword, String sopClass, String sopInstance)
            throws InvalidInstanceException {
        if (!DicomUid.isValid(uid)) {
            String problem = uid == null || uid.isEmpty() ? "missing" : "not a valid UID";
            throw new InvalidInstanceException(new InstanceFailure(sopClass, sopInstance, FailureReason.VALIDATION_FAILURE,
                    keyword + " is " + problem));
        }
    }

    private static String uid(Attributes dataset, int tag) {
        return DicomUid.unpad(dataset.getString(tag));
    }
}
