package org.nimbusdicom.common.error;

/**
 * DICOM status codes used as FailureReason (0008,1197) / WarningReason (0008,1196) values in
 * STOW-RS responses (PS3.4 Annex B, PS3.18 §10.5, and the codes documented by Microsoft's
 * Medical Imaging Server for DICOM, which the tutorial clients expect).
 */
public final class FailureReason {

    /** 0x0110 Processing failure. */
    public static final int PROCESSING_FAILURE = 0x0110;
    /** 0x0122 SOP Class not supported. */
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    /** 0xA700 Out of resources. */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** 0xA900 (43264) Data set does not match SOP Class / validation failure. */
    public static final int VALIDATION_FAILURE = 0xA900;
    /** 0xA901 (43265) StudyInstanceUID does not match the study of the request URL. */
    public static final int MISMATCH_STUDY_INSTANCE_UID = 0xA901;
    /** 45070 (0xB00E) SOP instance already exists (Microsoft's server). */
    public static final int SOP_INSTANCE_ALREADY_EXISTS = 45070;
    /** 0xB000 Coercion of data elements (warning). */
    public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
    /** 0xB006 Elements discarded (warning). */
    public static final int ELEMENTS_DISCARDED = 0xB006;
    /** 0xB007 Data set does not match SOP Class (warning). */
    public static final int DATASET_DOES_NOT_MATCH_SOP_CLASS_WARNING = 0xB007;
    /** 0xC000 (49152) Cannot understand. */
    public static final int CANNOT_UNDERSTAND = 0xC000;

    private FailureReason() {
    }
}
