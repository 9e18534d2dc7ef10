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

/** A row of {@code study} (V1__index.sql): typed matching columns, computed values, DICOM JSON. */
@Entity
@Table(name = "study")
@Immutable
public class Study extends PanacheEntityBase {

    @Id
    @Column(name = "study_instance_uid", columnDefinition = "text")
    public String studyInstanceUid;

    /** Insertion order (bigserial): the stable QIDO paging order. */
    @Column(name = "study_key", nullable = false)
    public long studyKey;

    @Column(name = "patient_name", columnDefinition = "text")
    public String patientName;

    @Column(name = "patient_name_norm", columnDefinition = "text")
    public String patientNameNorm;

    @Column(name = "patient_name_words", columnDefinition = "text")
    public String patientNameWords;

    @Column(name = "patient_id", columnDefinition = "text")
    public String patientId;

    @Column(name = "patient_birth_date")
    public LocalDate patientBirthDate;

    @Column(name = "patient_sex", columnDefinition = "text")
    public String patientSex;

    @Column(name = "study_date")
    public LocalDate studyDate;

    @Column(name = "study_time")
    public LocalTime studyTime;

    @Column(name = "accession_number", columnDefinition = "text")
    public String accessionNumber;

    @Column(name = "study_id", columnDefinition = "text")
    public String studyId;

    @Column(name = "study_description", columnDefinition = "text")
    public String studyDescription;

    @Column(name = "referring_physician_name", columnDefinition = "text")
    public String referringPhysicianName;

    @Column(name = "referring_physician_name_norm", columnDefinition = "text")
    public String referringPhysicianNameNorm;

    @Column(name = "referring_physician_name_words", columnDefinition = "text")
    public String referringPhysicianNameWords;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "modalities_in_study", columnDefinition = "text[]", nullable = false)
    public String[] modalitiesInStudy;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sop_classes_in_study", columnDefinition = "text[]", nullable = false)
    public String[] sopClassesInStudy;

    @Column(name = "number_of_study_related_series", nullable = false)
    public int numberOfStudyRelatedSeries;

    @Column(name = "number_of_study_related_instances", nullable = false)
    public int numberOfStudyRelatedInstances;

    /** Study/patient level DICOM JSON object, as text (it goes into responses unchanged). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "attributes", columnDefinition = "jsonb", nullable = false)
    public String attributes;

    @Column(name = "created_at", columnDefinition = "timestamptz", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", columnDefinition = "timestamptz", nullable = false)
    public OffsetDateTime updatedAt;
}
