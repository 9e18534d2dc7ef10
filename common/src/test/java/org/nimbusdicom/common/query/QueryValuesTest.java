package org.nimbusdicom.common.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.InvalidRequestException;

class QueryValuesTest {

    @Test
    void uidListsAcceptCommasAndBackslashes() {
        assertEquals(List.of("1.2.3"), QueryValues.parseUidList("1.2.3", "StudyInstanceUID"));
        assertEquals(List.of("1.2.3", "1.2.4", "1.2.5"), QueryValues.parseUidList("1.2.3,1.2.4\\1.2.5,1.2.3", "StudyInstanceUID"));
    }

    @Test
    void invalidUidsAreRejectedWithTheParameterName() {
        for (String bad : new String[] {"1.2.*", "1..2", "1.02", "", "1.2,", "../x"}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class,
                    () -> QueryValues.parseUidList(bad, "SeriesInstanceUID"), bad);
            assertTrue(e.getMessage().startsWith("SeriesInstanceUID"));
        }
    }

    @Test
    void integers() {
        assertEquals(12, QueryValues.parseInteger(" +12", "SeriesNumber"));
        assertThrows(InvalidRequestException.class, () -> QueryValues.parseInteger("1x", "SeriesNumber"));
        assertEquals(-3, QueryValues.parseStoredInteger("-3 "));
        assertNull(QueryValues.parseStoredInteger("x"));
    }
}
