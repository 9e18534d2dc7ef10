package org.nimbusdicom.common.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.InvalidRequestException;

class DateTimeRangeTest {

    @Test
    void partialSingleValueCoversTheUnit() {
        assertEquals(new DateTimeRange(LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 12, 31, 23, 59, 59, 999_999_000)),
                DateTimeRange.parse("2020", "AcquisitionDateTime"));
        assertEquals(new DateTimeRange(LocalDateTime.of(2020, 2, 1, 0, 0), LocalDateTime.of(2020, 2, 29, 23, 59, 59, 999_999_000)),
                DateTimeRange.parse("202002", "AcquisitionDateTime"));
    }

    @Test
    void offsetsConvertToUtcAndAreNotRanges() {
        DateTimeRange r = DateTimeRange.parse("20200101120000-0500", "AcquisitionDateTime");
        assertEquals(LocalDateTime.of(2020, 1, 1, 17, 0), r.from());
        assertEquals(LocalDateTime.of(2020, 1, 1, 17, 0, 0, 999_999_000), r.to());
    }

    @Test
    void ranges() {
        assertEquals(new DateTimeRange(LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 12, 31, 23, 59, 59, 999_999_000)),
                DateTimeRange.parse("20200101-20201231", "AcquisitionDateTime"));
        assertEquals(new DateTimeRange(LocalDateTime.of(2020, 1, 1, 10, 0), null),
                DateTimeRange.parse("2020010110-", "AcquisitionDateTime"));
        assertEquals(new DateTimeRange(null, LocalDateTime.of(2020, 1, 1, 23, 59, 59, 999_999_000)),
                DateTimeRange.parse("-20200101", "AcquisitionDateTime"));
        assertEquals(new DateTimeRange(LocalDateTime.of(2020, 1, 1, 15, 0), LocalDateTime.of(2020, 1, 2, 0, 59, 59, 999_999_000)),
                DateTimeRange.parse("2020010110-0500-2020010201+0100", "AcquisitionDateTime"));
    }

    @Test
    void invalid() {
        for (String bad : new String[] {"-", "20201301", "x", "2021-2020", "20200101-x"}) {
            assertThrows(InvalidRequestException.class, () -> DateTimeRange.parse(bad, "AcquisitionDateTime"), bad);
        }
    }
}
