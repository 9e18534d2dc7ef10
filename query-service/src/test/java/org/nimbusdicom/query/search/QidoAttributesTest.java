package org.nimbusdicom.query.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tag keys of DICOM JSON: 8 upper-case hex digits, also for tags with the sign bit set. */
class QidoAttributesTest {

    @Test
    void tagKeyIsEightUpperCaseHexDigitsAndParsesBack() {
        assertEquals("0020000D", QidoAttributes.tagKey(0x0020000D));
        assertEquals("00080005", QidoAttributes.tagKey(0x00080005));
        assertEquals("7FE00010", QidoAttributes.tagKey(0x7FE00010));
        assertEquals("FFFEE000", QidoAttributes.tagKey(0xFFFEE000));
        assertEquals("00000000", QidoAttributes.tagKey(0));
        for (int tag : new int[] {0x00100010, 0x0008103E, 0xFFFEE0DD, 0x00400275}) {
            assertEquals(tag, QidoAttributes.parseTag(QidoAttributes.tagKey(tag)));
            assertEquals(String.format("%08X", tag), QidoAttributes.tagKey(tag));
        }
    }
}
