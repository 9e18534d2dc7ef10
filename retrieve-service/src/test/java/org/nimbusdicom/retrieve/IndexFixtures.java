package org.nimbusdicom.retrieve;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.event.BulkDataLocation;
import org.nimbusdicom.common.event.PixelDataDescriptor;
import org.nimbusdicom.common.io.InstanceScanner;
import org.nimbusdicom.common.io.ScanOptions;
import org.nimbusdicom.common.io.ScannedInstance;
import org.nimbusdicom.common.json.DicomJsonWriter;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.testsupport.EmbeddedS3Server;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Stores fixtures the way store-service + the indexer would leave them: the Part 10 blob and its
 * metadata JSON in S3 under {@link BlobKeys}, and the study/series/instance rows in the index.
 */
public final class IndexFixtures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What was stored for one instance. */
    public record Stored(InstanceIdentifier id, String storeId, String blobKey, String metadataKey, byte[] blob,
            byte[] metadata, String transferSyntaxUid) {
    }

    private final S3Client s3;

    public IndexFixtures(S3Client s3) {
        this.s3 = s3;
    }

    /** A fresh UID under the 2.25 (UUID) root. */
    public static String newUid() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer buffer = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, buffer.array());
    }

    public Stored store(InstanceIdentifier id, byte[] blob, byte[] metadata, String sopClassUid, String transferSyntaxUid,
            Integer instanceNumber, PixelDataDescriptor pixelData, List<BulkDataLocation> bulkData) throws Exception {
        return store(id, blob, metadata, sopClassUid, transferSyntaxUid, instanceNumber,
                pixelData == null ? null : pixelData.numberOfFrames(), pixelData, bulkData);
    }

    /** As store-service: number_of_frames is known even when the frame table is not (deflated storage). */
    public Stored store(InstanceIdentifier id, byte[] blob, byte[] metadata, String sopClassUid, String transferSyntaxUid,
            Integer instanceNumber, Integer numberOfFrames, PixelDataDescriptor pixelData, List<BulkDataLocation> bulkData)
            throws Exception {
        String storeId = StoreId.next();
        String blobKey = BlobKeys.blobKey(id, storeId);
        String metadataKey = BlobKeys.metadataKey(id, storeId);
        s3.putObject(PutObjectRequest.builder().bucket(EmbeddedS3Server.BUCKET).key(blobKey).build(), RequestBody.fromBytes(blob));
        s3.putObject(PutObjectRequest.builder().bucket(EmbeddedS3Server.BUCKET).key(metadataKey)
                .contentType("application/dicom+json").build(), RequestBody.fromBytes(metadata));
        try (Connection c = NimbusTestInfrastructure.postgres().connect()) {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO study (study_instance_uid) VALUES (?) ON CONFLICT DO NOTHING")) {
                st.setString(1, id.studyInstanceUid());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO series (series_instance_uid, study_instance_uid) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, id.seriesInstanceUid());
                st.setString(2, id.studyInstanceUid());
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO instance (sop_instance_uid, series_instance_uid, "
                    + "study_instance_uid, sop_class_uid, transfer_syntax_uid, store_id, blob_key, metadata_key, size_bytes, "
                    + "number_of_frames, pixel_data, bulk_data, stored_at, instance_number) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)")) {
                st.setString(1, id.sopInstanceUid());
                st.setString(2, id.seriesInstanceUid());
                st.setString(3, id.studyInstanceUid());
                st.setString(4, sopClassUid);
                st.setString(5, transferSyntaxUid);
                st.setString(6, storeId);
                st.setString(7, blobKey);
                st.setString(8, metadataKey);
                st.setLong(9, blob.length);
                if (numberOfFrames == null) {
                    st.setNull(10, Types.INTEGER);
                } else {
                    st.setInt(10, numberOfFrames);
                }
                if (pixelData == null) {
                    st.setNull(11, Types.VARCHAR);
                } else {
                    st.setString(11, MAPPER.writeValueAsString(pixelData));
                }
                st.setString(12, MAPPER.writeValueAsString(bulkData == null ? List.of() : bulkData));
                st.setTimestamp(13, Timestamp.from(Instant.now()));
                if (instanceNumber == null) {
                    st.setNull(14, Types.INTEGER);
                } else {
                    st.setInt(14, instanceNumber);
                }
                st.executeUpdate();
            }
        }
        return new Stored(id, storeId, blobKey, metadataKey, blob, metadata, transferSyntaxUid);
    }

    /**
     * Stores a corpus file under a fresh identity (corpus files share UIDs), with its pixel data
     * and bulk data locations and its metadata computed by the codec exactly as store-service does
     * ({@code InstanceScanner} + {@code DicomJsonWriter}).
     */
    public Stored storeCorpusFile(String name, String study, String series, Integer instanceNumber) throws Exception {
        return storeScanned(Corpus.bytes(name), new InstanceIdentifier(study, series, newUid()), instanceNumber);
    }

    /** Scans a Part 10 file with the codec and stores it as {@code id}. */
    public Stored storeScanned(byte[] blob, InstanceIdentifier id, Integer instanceNumber) throws Exception {
        ScannedInstance scanned = InstanceScanner.scan(new ByteArrayInputStream(blob), ScanOptions.defaults());
        byte[] metadata = DicomJsonWriter.toJsonBytes(scanned.dataset(), path -> id.path() + "/bulkdata/" + path);
        PixelDataDescriptor pixelData = scanned.offsetsReliable() ? scanned.pixelData() : null;
        String sopClass = scanned.dataset().getString(Tag.SOPClassUID);
        Integer frames = scanned.pixelData() == null ? null : scanned.pixelData().numberOfFrames();
        return store(id, blob, metadata, sopClass, scanned.transferSyntaxUid(), instanceNumber, frames, pixelData,
                scanned.offsetsReliable() ? scanned.bulkData() : List.of());
    }
}
