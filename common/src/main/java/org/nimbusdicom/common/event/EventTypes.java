package org.nimbusdicom.common.event;

/**
 * CloudEvents {@code type} values on the ingestion topic. Additive changes keep the version;
 * breaking ones bump it (consumers must ignore types they do not know).
 */
public final class EventTypes {

    /** Default topic name (configurable with {@code nimbus.events.topic}). */
    public static final String DEFAULT_TOPIC = "dicom.instance-events";
    /** An instance was stored (blob and metadata durable in S3). */
    public static final String INSTANCE_STORED = "org.nimbusdicom.instance.stored.v1";
    /** One instance was deleted. */
    public static final String INSTANCE_DELETED = "org.nimbusdicom.instance.deleted.v1";
    /** A series was deleted. */
    public static final String SERIES_DELETED = "org.nimbusdicom.series.deleted.v1";
    /** A study was deleted. */
    public static final String STUDY_DELETED = "org.nimbusdicom.study.deleted.v1";
    /** CloudEvents {@code dataschema} of the v1 types. */
    public static final String SCHEMA_V1 = "https://nimbusdicom.org/schemas/instance-events.v1.schema.json";

    private EventTypes() {
    }

    /** The deleted-event type for a level. */
    public static String deletedType(DeletionLevel level) {
        return switch (level) {
            case INSTANCE -> INSTANCE_DELETED;
            case SERIES -> SERIES_DELETED;
            case STUDY -> STUDY_DELETED;
        };
    }
}
