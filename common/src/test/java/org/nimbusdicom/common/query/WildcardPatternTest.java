package org.nimbusdicom.common.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WildcardPatternTest {

    @Test
    void translatesWildcardsAndEscapesLikeMetacharacters() {
        assertEquals("Doe%", WildcardPattern.toSqlLike("Doe*"));
        assertEquals("D_e%", WildcardPattern.toSqlLike("D?e**"));
        assertEquals("100\\%\\_x\\\\%", WildcardPattern.toSqlLike("100%_x\\*"));
        assertEquals("a\\%b", WildcardPattern.escapeLike("a%b"));
    }

    @Test
    void detectsWildcardsAndUniversalValues() {
        assertTrue(WildcardPattern.hasWildcard("a*"));
        assertTrue(WildcardPattern.hasWildcard("a?"));
        assertFalse(WildcardPattern.hasWildcard("a%"));
        assertTrue(WildcardPattern.isUniversal("*"));
        assertTrue(WildcardPattern.isUniversal("**"));
        assertTrue(WildcardPattern.isUniversal(""));
        assertFalse(WildcardPattern.isUniversal("*a"));
    }
}
