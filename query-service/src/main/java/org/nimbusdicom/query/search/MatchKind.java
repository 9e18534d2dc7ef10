package org.nimbusdicom.query.search;

/** How an attribute is matched (by its VR and its column). */
public enum MatchKind {
    /** Single UID or list of UIDs. */
    UID,
    /** DA value or range on a {@code date} column. */
    DATE,
    /** TM value or range on a {@code time} column. */
    TIME,
    /** PN: case-insensitive exact or wildcard on the normalized column, or fuzzy on the words column. */
    PERSON_NAME,
    /** Case-sensitive string: exact or wildcard. */
    STRING,
    /** IS/US: integer equality. */
    INTEGER,
    /** A {@code text[]} column (ModalitiesInStudy): matches when any element equals a value of the list. */
    STRING_ARRAY,
    /** A {@code text[]} of UIDs (SOPClassesInStudy). */
    UID_ARRAY,
    /** Returned but not matchable (computed, or not indexed). */
    NONE
}
