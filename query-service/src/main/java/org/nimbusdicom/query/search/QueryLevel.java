package org.nimbusdicom.query.search;

/** The three QIDO information model levels (and the level an attribute belongs to). */
public enum QueryLevel {
    STUDY, SERIES, INSTANCE;

    /** True when this level is at or above {@code other} (STUDY covers everything). */
    public boolean isAtOrAbove(QueryLevel other) {
        return ordinal() <= other.ordinal();
    }
}
