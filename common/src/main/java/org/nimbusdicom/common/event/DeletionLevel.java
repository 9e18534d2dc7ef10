package org.nimbusdicom.common.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** The level at which a DELETE request removed data. */
public enum DeletionLevel {
    STUDY, SERIES, INSTANCE;

    /** Wire form: lower case. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
