package org.nimbusdicom.retrieve.bulkdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.model.ByteRange;

class HttpRangeTest {

    @Test
    void resolvesTheThreeForms() {
        assertEquals(new ByteRange(4, 4), HttpRange.resolve("bytes=4-7", 16));
        assertEquals(new ByteRange(10, 6), HttpRange.resolve("bytes=10-", 16));
        assertEquals(new ByteRange(12, 4), HttpRange.resolve("bytes=-4", 16));
        assertEquals(new ByteRange(0, 16), HttpRange.resolve("bytes=-40", 16));
        assertEquals(new ByteRange(8, 8), HttpRange.resolve("bytes=8-100", 16));
    }

    @Test
    void ignoresWhatItDoesNotServe() {
        assertNull(HttpRange.resolve(null, 16));
        assertNull(HttpRange.resolve("items=1-2", 16));
        assertNull(HttpRange.resolve("bytes=1-2,4-5", 16));
        assertNull(HttpRange.resolve("bytes=x-2", 16));
    }

    @Test
    void rejectsRangesBeyondTheEnd() {
        assertThrows(HttpRange.Unsatisfiable.class, () -> HttpRange.resolve("bytes=16-", 16));
    }
}
