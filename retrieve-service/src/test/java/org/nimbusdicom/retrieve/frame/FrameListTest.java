package org.nimbusdicom.retrieve.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.InvalidRequestException;

class FrameListTest {

    @Test
    void parsesSingleAndListsInRequestOrder() {
        assertEquals(List.of(1), FrameList.parse("1", 10));
        assertEquals(List.of(5, 1, 3), FrameList.parse("5,1, 3", 10));
    }

    @Test
    void rejectsMalformedLists() {
        for (String bad : new String[] {"", " ", "0", "-1", "1,,2", "1,", "a", "1.5", "1;2", "9999999999"}) {
            assertThrows(InvalidRequestException.class, () -> FrameList.parse(bad, 10), bad);
        }
    }

    @Test
    void rejectsTooManyFrames() {
        assertThrows(InvalidRequestException.class, () -> FrameList.parse("1,2,3", 2));
    }
}
