package org.nimbusdicom.query.search;

import java.util.List;

/**
 * One matching key of a QIDO request, already parsed and validated.
 *
 * @param attribute the attribute matched
 * @param type the matching operation
 * @param values operands: EQUALS one value; ANY/OVERLAP one {@code String[]}; LIKE one pattern;
 *               RANGE lower and upper (either may be null); FUZZY the LIKE patterns
 */
public record MatchCondition(QidoAttribute attribute, Type type, List<Object> values) {

    /** Matching operations (PS3.4 C.2.2.2). */
    public enum Type {
        /** Universal matching: no restriction, the attribute is returned. */
        UNIVERSAL,
        /** Single value matching. */
        EQUALS,
        /** List of UID matching (column equals any of the values). */
        ANY,
        /** Array column contains any of the values (ModalitiesInStudy, SOPClassesInStudy). */
        OVERLAP,
        /** Wildcard matching (SQL LIKE, escape backslash). */
        LIKE,
        /** Range matching (inclusive bounds, null = open). */
        RANGE,
        /** PN fuzzy matching: every pattern must match the words column. */
        FUZZY
    }
}
