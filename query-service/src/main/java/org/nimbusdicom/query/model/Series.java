package org.nimbusdicom.query.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code series} (V1__index.sql). The study is referenced by UID, not by an association:
 * the reads that use this entity never need the study row, and a lazy proxy would only add a
 * query when touched by mistake.
 */
@Entity
@Table(name = "series")
@Immutable
public class Series extends PanacheEntityBase {

    @Id
    @Column(name = "series_instance_uid", columnDefinition = "text")
    public String seriesInstanceUid;

    /** Insertion order (bigserial): the stable QIDO paging order. */
    @Column(name = "series_key", nullable = false)
    public long seriesKey;

    @Column(name = "study_instance_uid", columnDefinition = "text", nullable = false)
    public String studyInstanceUid;

    @Column(name = "modality", columnDefinition = "text")
    public String modality;

    @Column(name = "series_number")
    public Integer seriesNumber;

    @Column(name = "series_description", columnDefinition = "text")
    public String seriesDescription;

    @Column(name = "series_date")
    public LocalDate seriesDate;

    @Column(name = "series_time")
    public LocalTime seriesTime;

    @Column(name = "body_part_examined", columnDefinition = "text")
    public String bodyPartExamined;

    @Column(name = "manufacturer_model_name", columnDefinition = "text")
    public String manufacturerModelName;

    @Column(name = "performed_procedure_step_start_date")
    public LocalDate performedProcedureStepStartDate;

    @Column(name = "performed_procedure_step_start_time")
    public LocalTime performedProcedureStepStartTime;

    @Column(name = "number_of_series_related_instances", nullable = false)
    public int numberOfSeriesRelatedInstances;

    /** Series level DICOM JSON object, as text. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attributes", columnDefinition = "jsonb", nullable = false)
    public String attributes;

    @Column(name = "created_at", columnDefinition = "timestamptz", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", columnDefinition = "timestamptz", nullable = false)
    public OffsetDateTime updatedAt;
}
