package org.nimbusdicom.query.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The attributes QIDO-RS knows: matching keys (PS3.18 Table 10.6.1-5 and Microsoft's set, plus a
 * few more), the default return attributes of PS3.18 Tables 6.7.1-2/-2a/-2b, and the level each
 * attribute of an event belongs to (so the indexer can split an instance's DICOM JSON into the
 * study, series and instance rows).
 *
 * <p>Our own small table, on purpose: besides keyword and tag it holds each attribute's index
 * column and match kind, which a generic dictionary cannot know.
 */
public final class QidoAttributes {

    /** (0008,0005) Specific Character Set: kept at every level. */
    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    /** (0008,0056) Instance Availability (computed: ONLINE). */
    public static final int INSTANCE_AVAILABILITY = 0x00080056;
    /** (0008,0061) Modalities in Study (computed). */
    public static final int MODALITIES_IN_STUDY = 0x00080061;
    /** (0008,0062) SOP Classes in Study (computed). */
    public static final int SOP_CLASSES_IN_STUDY = 0x00080062;
    /** (0008,1190) Retrieve URL (computed). */
    public static final int RETRIEVE_URL = 0x00081190;
    /** (0020,1206) Number of Study Related Series (computed). */
    public static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
    /** (0020,1208) Number of Study Related Instances (computed). */
    public static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
    /** (0020,1209) Number of Series Related Instances (computed). */
    public static final int NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;
    /** (0020,000D) Study Instance UID. */
    public static final int STUDY_INSTANCE_UID = 0x0020000D;
    /** (0020,000E) Series Instance UID. */
    public static final int SERIES_INSTANCE_UID = 0x0020000E;
    /** (0008,0018) SOP Instance UID. */
    public static final int SOP_INSTANCE_UID = 0x00080018;

    private static final Map<String, QidoAttribute> BY_KEYWORD = new HashMap<>();
    private static final Map<Integer, QidoAttribute> BY_TAG = new HashMap<>();
    private static final Map<QueryLevel, Set<Integer>> DEFAULTS = new HashMap<>();
    /** Series-level tags that are neither matching keys nor defaults but belong to the series row. */
    private static final Set<Integer> OTHER_SERIES_TAGS = Set.of(
            0x00080070, // Manufacturer
            0x00080080, // InstitutionName
            0x00081010, // StationName
            0x00081040, // InstitutionalDepartmentName
            0x00081050, // PerformingPhysicianName
            0x00181030, // ProtocolName
            0x00185100, // PatientPosition
            0x00200052, // FrameOfReferenceUID
            0x00200060, // Laterality
            0x00400253, // PerformedProcedureStepID
            0x00400254); // PerformedProcedureStepDescription
    /** Study-level tags outside group 0010 (patient attributes are all study level). */
    private static final Set<Integer> OTHER_STUDY_TAGS = Set.of(
            0x00080201, // TimezoneOffsetFromUTC
            0x00081030, // StudyDescription
            0x00081060, // NameOfPhysiciansReadingStudy
            0x00081080, // AdmittingDiagnosesDescription
            0x00321032, // RequestingPhysician
            0x00321060, // RequestedProcedureDescription
            0x00401001); // RequestedProcedureID

    static {
        QueryLevel st = QueryLevel.STUDY;
        QueryLevel se = QueryLevel.SERIES;
        QueryLevel in = QueryLevel.INSTANCE;
        // study (and patient)
        add("SpecificCharacterSet", SPECIFIC_CHARACTER_SET, "CS", st, MatchKind.NONE, null, null);
        add("StudyDate", 0x00080020, "DA", st, MatchKind.DATE, "st.study_date", null);
        add("StudyTime", 0x00080030, "TM", st, MatchKind.TIME, "st.study_time", null);
        add("AccessionNumber", 0x00080050, "SH", st, MatchKind.STRING, "st.accession_number", null);
        add("InstanceAvailability", INSTANCE_AVAILABILITY, "CS", st, MatchKind.NONE, null, null);
        add("ModalitiesInStudy", MODALITIES_IN_STUDY, "CS", st, MatchKind.STRING_ARRAY, "st.modalities_in_study", null);
        add("SOPClassesInStudy", SOP_CLASSES_IN_STUDY, "UI", st, MatchKind.UID_ARRAY, "st.sop_classes_in_study", null);
        add("ReferringPhysicianName", 0x00080090, "PN", st, MatchKind.PERSON_NAME,
                "st.referring_physician_name_norm", "st.referring_physician_name_words");
        add("TimezoneOffsetFromUTC", 0x00080201, "SH", st, MatchKind.NONE, null, null);
        add("StudyDescription", 0x00081030, "LO", st, MatchKind.STRING, "st.study_description", null);
        add("RetrieveURL", RETRIEVE_URL, "UR", st, MatchKind.NONE, null, null);
        add("PatientName", 0x00100010, "PN", st, MatchKind.PERSON_NAME, "st.patient_name_norm", "st.patient_name_words");
        add("PatientID", 0x00100020, "LO", st, MatchKind.STRING, "st.patient_id", null);
        add("IssuerOfPatientID", 0x00100021, "LO", st, MatchKind.NONE, null, null);
        add("PatientBirthDate", 0x00100030, "DA", st, MatchKind.DATE, "st.patient_birth_date", null);
        add("PatientSex", 0x00100040, "CS", st, MatchKind.STRING, "st.patient_sex", null);
        add("OtherPatientIDs", 0x00101000, "LO", st, MatchKind.NONE, null, null);
        add("PatientAge", 0x00101010, "AS", st, MatchKind.NONE, null, null);
        add("PatientSize", 0x00101020, "DS", st, MatchKind.NONE, null, null);
        add("PatientWeight", 0x00101030, "DS", st, MatchKind.NONE, null, null);
        add("StudyInstanceUID", STUDY_INSTANCE_UID, "UI", st, MatchKind.UID, "st.study_instance_uid", null);
        add("StudyID", 0x00200010, "SH", st, MatchKind.STRING, "st.study_id", null);
        add("NumberOfStudyRelatedSeries", NUMBER_OF_STUDY_RELATED_SERIES, "IS", st, MatchKind.NONE, null, null);
        add("NumberOfStudyRelatedInstances", NUMBER_OF_STUDY_RELATED_INSTANCES, "IS", st, MatchKind.NONE, null, null);
        // series
        add("Modality", 0x00080060, "CS", se, MatchKind.STRING, "se.modality", null);
        add("SeriesDate", 0x00080021, "DA", se, MatchKind.DATE, "se.series_date", null);
        add("SeriesTime", 0x00080031, "TM", se, MatchKind.TIME, "se.series_time", null);
        add("SeriesDescription", 0x0008103E, "LO", se, MatchKind.STRING, "se.series_description", null);
        add("ManufacturerModelName", 0x00081090, "LO", se, MatchKind.STRING, "se.manufacturer_model_name", null);
        add("BodyPartExamined", 0x00180015, "CS", se, MatchKind.STRING, "se.body_part_examined", null);
        add("SeriesInstanceUID", SERIES_INSTANCE_UID, "UI", se, MatchKind.UID, "se.series_instance_uid", null);
        add("SeriesNumber", 0x00200011, "IS", se, MatchKind.INTEGER, "se.series_number", null);
        add("NumberOfSeriesRelatedInstances", NUMBER_OF_SERIES_RELATED_INSTANCES, "IS", se, MatchKind.NONE, null, null);
        add("PerformedProcedureStepStartDate", 0x00400244, "DA", se, MatchKind.DATE,
                "se.performed_procedure_step_start_date", null);
        add("PerformedProcedureStepStartTime", 0x00400245, "TM", se, MatchKind.TIME,
                "se.performed_procedure_step_start_time", null);
        add("RequestAttributesSequence", 0x00400275, "SQ", se, MatchKind.NONE, null, null);
        add("ScheduledProcedureStepID", 0x00400009, "SH", se, MatchKind.NONE, null, null);
        add("RequestedProcedureID", 0x00401001, "SH", st, MatchKind.NONE, null, null);
        // instance
        add("SOPClassUID", 0x00080016, "UI", in, MatchKind.UID, "i.sop_class_uid", null);
        add("SOPInstanceUID", SOP_INSTANCE_UID, "UI", in, MatchKind.UID, "i.sop_instance_uid", null);
        add("InstanceNumber", 0x00200013, "IS", in, MatchKind.INTEGER, "i.instance_number", null);
        add("NumberOfFrames", 0x00280008, "IS", in, MatchKind.INTEGER, "i.number_of_frames", null);
        add("Rows", 0x00280010, "US", in, MatchKind.INTEGER, "i.rows", null);
        add("Columns", 0x00280011, "US", in, MatchKind.INTEGER, "i.columns", null);
        add("BitsAllocated", 0x00280100, "US", in, MatchKind.NONE, null, null);
        add("ContentDate", 0x00080023, "DA", in, MatchKind.NONE, null, null);
        add("ContentTime", 0x00080033, "TM", in, MatchKind.NONE, null, null);
        add("ImageType", 0x00080008, "CS", in, MatchKind.NONE, null, null);
        add("AcquisitionDateTime", 0x0008002A, "DT", in, MatchKind.NONE, null, null);

        // PS3.18 Table 6.7.1-2 (plus StudyDescription, which viewers expect and Microsoft returns)
        defaults(st, "SpecificCharacterSet", "StudyDate", "StudyTime", "AccessionNumber", "InstanceAvailability",
                "ModalitiesInStudy", "ReferringPhysicianName", "TimezoneOffsetFromUTC", "RetrieveURL", "PatientName",
                "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyID",
                "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances", "StudyDescription");
        // Table 6.7.1-2a
        defaults(se, "SpecificCharacterSet", "Modality", "TimezoneOffsetFromUTC", "SeriesDescription", "RetrieveURL",
                "SeriesInstanceUID", "SeriesNumber", "NumberOfSeriesRelatedInstances",
                "PerformedProcedureStepStartDate", "PerformedProcedureStepStartTime", "RequestAttributesSequence");
        // Table 6.7.1-2b
        defaults(in, "SpecificCharacterSet", "SOPClassUID", "SOPInstanceUID", "InstanceAvailability",
                "TimezoneOffsetFromUTC", "RetrieveURL", "InstanceNumber", "Rows", "Columns", "BitsAllocated",
                "NumberOfFrames");
    }

    private QidoAttributes() {
    }

    private static void add(String keyword, int tag, String vr, QueryLevel level, MatchKind kind, String column,
            String wordsColumn) {
        QidoAttribute a = new QidoAttribute(keyword, tag, vr, level, kind, column, wordsColumn);
        BY_KEYWORD.put(keyword.toLowerCase(Locale.ROOT), a);
        BY_TAG.put(tag, a);
    }

    private static void defaults(QueryLevel level, String... keywords) {
        Set<Integer> tags = new LinkedHashSet<>();
        for (String k : keywords) {
            tags.add(BY_KEYWORD.get(k.toLowerCase(Locale.ROOT)).tag());
        }
        DEFAULTS.put(level, Collections.unmodifiableSet(tags));
    }

    /** The attribute with this keyword (case-insensitive), or null. */
    public static QidoAttribute byKeyword(String keyword) {
        return BY_KEYWORD.get(keyword.toLowerCase(Locale.ROOT));
    }

    /** The attribute with this tag, or null. */
    public static QidoAttribute byTag(int tag) {
        return BY_TAG.get(tag);
    }

    /** Default return attributes of a level (PS3.18 Tables 6.7.1-2, -2a, -2b). */
    public static Set<Integer> defaults(QueryLevel level) {
        return DEFAULTS.get(level);
    }

    /** Every known attribute. */
    public static List<QidoAttribute> all() {
        return new ArrayList<>(BY_TAG.values());
    }

    /**
     * The level a tag of an instance's DICOM JSON is indexed at: known attributes by their level,
     * the patient group (0010,xxxx) and a few study attributes at study level, the equipment/series
     * attributes at series level, everything else at instance level. Specific Character Set is kept
     * at every level (the caller checks {@link #SPECIFIC_CHARACTER_SET} itself).
     */
    public static QueryLevel levelOf(int tag) {
        QidoAttribute known = BY_TAG.get(tag);
        if (known != null) {
            return known.level();
        }
        if ((tag >>> 16) == 0x0010 || OTHER_STUDY_TAGS.contains(tag)) {
            return QueryLevel.STUDY;
        }
        if (OTHER_SERIES_TAGS.contains(tag)) {
            return QueryLevel.SERIES;
        }
        return QueryLevel.INSTANCE;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** 8 upper-case hex digits. Hand-rolled: called for every element of every QIDO answer, and
     * {@code String.format} (a regex parse per call) showed up in the profile of 100-study answers. */
    public static String tagKey(int tag) {
        char[] c = new char[8];
        for (int i = 7; i >= 0; i--) {
            c[i] = HEX[tag & 0xF];
            tag >>>= 4;
        }
        return new String(c);
    }

    /** Parses an 8-hex-digit tag, or returns -1 when it is not one. */
    public static int parseTag(String s) {
        if (s.length() != 8) {
            return -1;
        }
        for (int i = 0; i < 8; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return -1;
            }
        }
        return (int) Long.parseLong(s, 16);
    }
}
