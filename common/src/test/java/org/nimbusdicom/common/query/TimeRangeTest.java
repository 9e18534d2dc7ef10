package org.nimbusdicom.common.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.InvalidRequestException;

class TimeRangeTest {

    @Test
    void singleValueCoversItsPrecision() {
        assertEquals(new TimeRange(LocalTime.of(10, 0), LocalTime.of(10, 59, 59, 999_999_000)),
                TimeRange.parse("10", "StudyTime"));
        assertEquals(new TimeRange(LocalTime.of(10, 10), LocalTime.of(10, 10, 59, 999_999_000)),
                TimeRange.parse("1010", "StudyTime"));
        assertEquals(new TimeRange(LocalTime.of(10, 10, 10, 100_000_000), LocalTime.of(10, 10, 10, 199_999_000)),
                TimeRange.parse("101010.1", "StudyTime"));
        assertEquals(new TimeRange(LocalTime.of(10, 10, 10, 123_456_000), LocalTime.of(10, 10, 10, 123_456_000)),
                TimeRange.parse("101010.123456", "StudyTime"));
    }

    @Test
    void rangesExpandTheUpperBound() {
        assertEquals(new TimeRange(LocalTime.of(8, 0), LocalTime.of(12, 0, 0, 999_999_000)),
                TimeRange.parse("080000-120000", "StudyTime"));
        assertEquals(new TimeRange(LocalTime.of(8, 0), null), TimeRange.parse("0800-", "StudyTime"));
        assertEquals(new TimeRange(null, LocalTime.of(23, 59, 59, 999_999_000)), TimeRange.parse("-23", "StudyTime"));
    }

    @Test
    void invalid() {
        for (String bad : new String[] {"25", "1", "106000", "-", "12-10", "ab", "1010.5"}) {
            assertThrows(InvalidRequestException.class, () -> TimeRange.parse(bad, "StudyTime"), bad);
        }
    }

    @Test
    void stored() {
        assertEquals(LocalTime.of(10, 10, 10), TimeRange.parseStored("101010"));
        assertEquals(LocalTime.of(10, 10, 10), TimeRange.parseStored("10:10:10"));
        assertEquals(LocalTime.of(10, 10, 10, 500_000_000), TimeRange.parseStored("101010.5 "));
        assertNull(TimeRange.parseStored("xx"));
    }
}
