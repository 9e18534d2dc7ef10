package org.nimbusdicom.query.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code instance} (V1__index.sql). The contract columns (docs/architecture.md) are read
 * by retrieve/delete with their own JDBC; this mapping is query-service's view of the same table.
 * The frame and bulk data tables can be large (one entry per frame): QIDO reads project them
 * away ({@code search.ScopedListing}), so loading a whole entity is for lookups of single rows.
 */
@Entity
@Table(name = "instance")
@Immutable
public class Instance extends PanacheEntityBase {

    @Id
    @Column(name = "sop_instance_uid", columnDefinition = "text")
    public String sopInstanceUid;

    /** Insertion order (bigserial): the stable QIDO paging order. */
    @Column(name = "instance_key", nullable = false)
    public long instanceKey;

    @Column(name = "series_instance_uid", columnDefinition = "text", nullable = false)
    public String seriesInstanceUid;

    @Column(name = "study_instance_uid", columnDefinition = "text", nullable = false)
    public String studyInstanceUid;

    @Column(name = "sop_class_uid", columnDefinition = "text")
    public String sopClassUid;

    @Column(name = "transfer_syntax_uid", columnDefinition = "text")
    public String transferSyntaxUid;

    @Column(name = "store_id", columnDefinition = "text", nullable = false)
    public String storeId;

    @Column(name = "blob_key", columnDefinition = "text", nullable = false)
    public String blobKey;

    @Column(name = "metadata_key", columnDefinition = "text", nullable = false)
    public String metadataKey;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(name = "number_of_frames")
    public Integer numberOfFrames;

    /** The event's pixelData descriptor (JSON text), null without pixel data. */
    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pixel_data", columnDefinition = "jsonb")
    public String pixelData;

    /** The event's bulkData list (JSON text). */
    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "bulk_data", columnDefinition = "jsonb")
    public String bulkData;

    @Column(name = "stored_at", columnDefinition = "timestamptz")
    public OffsetDateTime storedAt;

    @Column(name = "instance_number")
    public Integer instanceNumber;

    @Column(name = "rows")
    public Integer rows;

    @Column(name = "columns")
    public Integer columns;

    /** Instance level DICOM JSON object, as text. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attributes", columnDefinition = "jsonb", nullable = false)
    public String attributes;

    @Column(name = "indexed_at", columnDefinition = "timestamptz", nullable = false)
    public OffsetDateTime indexedAt;
}
