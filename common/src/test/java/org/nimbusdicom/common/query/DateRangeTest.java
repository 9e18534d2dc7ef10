package org.nimbusdicom.common.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.InvalidRequestException;

class DateRangeTest {

    @Test
    void singleDate() {
        DateRange r = DateRange.parse("20200102", "StudyDate");
        assertEquals(LocalDate.of(2020, 1, 2), r.from());
        assertEquals(LocalDate.of(2020, 1, 2), r.to());
        assertTrue(r.isSingle());
    }

    @Test
    void closedAndOpenRanges() {
        assertEquals(new DateRange(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31)),
                DateRange.parse("20200101-20201231", "StudyDate"));
        assertEquals(new DateRange(LocalDate.of(2020, 1, 1), null), DateRange.parse("20200101-", "StudyDate"));
        assertEquals(new DateRange(null, LocalDate.of(2020, 12, 31)), DateRange.parse("-20201231", "StudyDate"));
    }

    @Test
    void invalidValuesNameTheParameter() {
        for (String bad : new String[] {"2020", "20201301", "20200230", "-", "2020-01-01", "a-b", "20200101--", "20201231-20200101"}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> DateRange.parse(bad, "StudyDate"), bad);
            assertTrue(e.getMessage().startsWith("StudyDate"), e.getMessage());
            assertEquals(400, e.status());
        }
    }

    @Test
    void storedValuesAreParsedLeniently() {
        assertEquals(LocalDate.of(1970, 5, 6), DateRange.parseStored("19700506"));
        assertEquals(LocalDate.of(1970, 5, 6), DateRange.parseStored("1970.05.06"));
        assertNull(DateRange.parseStored(""));
        assertNull(DateRange.parseStored("19701306"));
        assertNull(DateRange.parseStored(null));
    }
}
