-- Nimbus DICOMweb index (owned by query-service; other services read it, read-only).
-- Columns of `instance` listed in docs/architecture.md are a contract: never rename them.
--
-- Matching columns are typed (date/time/int) and normalized (lower-case PN, PN search words)
-- for QIDO; the DICOM JSON attributes of each level are kept verbatim in `attributes` (jsonb) and
-- are what QIDO returns, so extended query tags (a later migration) only need a new column or an
-- expression index on `attributes`, never a redesign.

-- pg_trgm serves PN wildcard/fuzzy matching (LIKE '%..%'). It is a trusted extension since PG 13,
-- so the database owner can create it; when it cannot be created the trigram indexes are skipped
-- (queries still work, just slower).
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm not available (%): PN trigram indexes are skipped', SQLERRM;
END
$$;

CREATE TABLE study (
    study_key                          bigserial   NOT NULL UNIQUE,   -- insertion order: stable QIDO paging
    study_instance_uid                 text        PRIMARY KEY,
    patient_name                       text,        -- alphabetic group as stored
    patient_name_norm                  text,        -- lower case, trailing empty components removed
    patient_name_words                 text,        -- ' ' || lower-case words (fuzzy matching)
    patient_id                         text,
    patient_birth_date                 date,
    patient_sex                        text,
    study_date                         date,
    study_time                         time,
    accession_number                   text,
    study_id                           text,
    study_description                  text,
    referring_physician_name           text,
    referring_physician_name_norm      text,
    referring_physician_name_words     text,
    modalities_in_study                text[]      NOT NULL DEFAULT '{}',
    sop_classes_in_study               text[]      NOT NULL DEFAULT '{}',
    number_of_study_related_series     integer     NOT NULL DEFAULT 0,
    number_of_study_related_instances  integer     NOT NULL DEFAULT 0,
    attributes                         jsonb       NOT NULL DEFAULT '{}',  -- study/patient level DICOM JSON
    created_at                         timestamptz NOT NULL DEFAULT now(),
    updated_at                         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE series (
    series_key                               bigserial   NOT NULL UNIQUE,
    series_instance_uid                      text        PRIMARY KEY,
    study_instance_uid                       text        NOT NULL REFERENCES study (study_instance_uid),
    modality                                 text,
    series_number                            integer,
    series_description                       text,
    series_date                              date,
    series_time                              time,
    body_part_examined                       text,
    manufacturer_model_name                  text,
    performed_procedure_step_start_date      date,
    performed_procedure_step_start_time      time,
    number_of_series_related_instances       integer     NOT NULL DEFAULT 0,
    attributes                               jsonb       NOT NULL DEFAULT '{}',  -- series level DICOM JSON
    created_at                               timestamptz NOT NULL DEFAULT now(),
    updated_at                               timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE instance (
    instance_key         bigserial   NOT NULL UNIQUE,
    sop_instance_uid     text        PRIMARY KEY,
    series_instance_uid  text        NOT NULL REFERENCES series (series_instance_uid),
    study_instance_uid   text        NOT NULL REFERENCES study (study_instance_uid),
    sop_class_uid        text,
    transfer_syntax_uid  text,
    store_id             text        NOT NULL,
    blob_key             text        NOT NULL,
    metadata_key         text        NOT NULL,
    size_bytes           bigint      NOT NULL,
    number_of_frames     integer,
    pixel_data           jsonb,       -- the event's pixelData (frame offset table)
    bulk_data            jsonb,       -- the event's bulkData
    stored_at            timestamptz,
    instance_number      integer,
    rows                 integer,
    columns              integer,
    attributes           jsonb       NOT NULL DEFAULT '{}',  -- instance level DICOM JSON
    indexed_at           timestamptz NOT NULL DEFAULT now()
);

-- Store ids removed by a delete event: a stored event that arrives after its own delete
-- (an out-of-order duplicate) must not resurrect the row. Purged after a retention period.
CREATE TABLE instance_tombstone (
    store_id          text        PRIMARY KEY,
    sop_instance_uid  text        NOT NULL,
    deleted_at        timestamptz NOT NULL DEFAULT now()
);

-- Next offset to apply per partition, written in the same transaction as the index rows.
CREATE TABLE index_progress (
    topic        text        NOT NULL,
    partition    integer     NOT NULL,
    next_offset  bigint      NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

-- study
CREATE INDEX study_patient_id_idx ON study (patient_id text_pattern_ops);
CREATE INDEX study_patient_name_norm_idx ON study (patient_name_norm text_pattern_ops);
CREATE INDEX study_referring_name_norm_idx ON study (referring_physician_name_norm text_pattern_ops);
CREATE INDEX study_accession_number_idx ON study (accession_number text_pattern_ops);
CREATE INDEX study_study_date_idx ON study (study_date);
CREATE INDEX study_patient_birth_date_idx ON study (patient_birth_date);
CREATE INDEX study_study_id_idx ON study (study_id);
CREATE INDEX study_modalities_idx ON study USING gin (modalities_in_study);
-- series
CREATE INDEX series_study_idx ON series (study_instance_uid, series_key);
CREATE INDEX series_modality_idx ON series (modality);
CREATE INDEX series_pps_start_date_idx ON series (performed_procedure_step_start_date);
-- instance
CREATE INDEX instance_series_idx ON instance (series_instance_uid, instance_key);
CREATE INDEX instance_study_idx ON instance (study_instance_uid, sop_class_uid);
CREATE INDEX instance_sop_class_idx ON instance (sop_class_uid);
CREATE INDEX instance_store_id_idx ON instance (store_id);
CREATE INDEX instance_tombstone_deleted_at_idx ON instance_tombstone (deleted_at);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX study_patient_name_trgm_idx ON study USING gin (patient_name_norm gin_trgm_ops)';
        EXECUTE 'CREATE INDEX study_patient_name_words_trgm_idx ON study USING gin (patient_name_words gin_trgm_ops)';
        EXECUTE 'CREATE INDEX study_referring_name_trgm_idx ON study USING gin (referring_physician_name_norm gin_trgm_ops)';
        EXECUTE 'CREATE INDEX study_referring_words_trgm_idx ON study USING gin (referring_physician_name_words gin_trgm_ops)';
        EXECUTE 'CREATE INDEX study_description_trgm_idx ON study USING gin (study_description gin_trgm_ops)';
    END IF;
END
$$;

-- Read-only role for retrieve/delete services (created by the deployment, if at all).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nimbus_reader') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA ' || quote_ident(current_schema()) || ' TO nimbus_reader';
        EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA ' || quote_ident(current_schema()) || ' TO nimbus_reader';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA ' || quote_ident(current_schema()) || ' GRANT SELECT ON TABLES TO nimbus_reader';
    END IF;
END
$$;
