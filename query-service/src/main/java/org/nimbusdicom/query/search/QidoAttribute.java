package org.nimbusdicom.query.search;

/**
 * An attribute QIDO knows by keyword: its tag, VR, level, and how it is matched.
 *
 * @param keyword DICOM keyword
 * @param tag the tag as an int (group << 16 | element)
 * @param vr value representation
 * @param level the information model level it belongs to
 * @param kind how it is matched ({@link MatchKind#NONE}: return only)
 * @param column SQL column (with table alias {@code st}, {@code se} or {@code i}) for matching, or null
 * @param wordsColumn for PN: the search-words column used by fuzzy matching, else null
 */
public record QidoAttribute(String keyword, int tag, String vr, QueryLevel level, MatchKind kind, String column,
        String wordsColumn) {

    /** The tag as the 8 upper-case hex digits DICOM JSON uses as key. */
    public String tagKey() {
        return QidoAttributes.tagKey(tag);
    }

    /** True when this attribute can be used as a matching key. */
    public boolean matchable() {
        return kind != MatchKind.NONE;
    }
}
