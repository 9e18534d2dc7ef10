package org.nimbusdicom.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DicomUidTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2.1", "0", "1.0.2", "2.25.329800735698586629295641978511506172918",
            "1.2.826.0.1.3680043.8.498.13230779778012324449356534479549187420"})
    void acceptsValidUids(String uid) {
        assertTrue(DicomUid.isValid(uid));
    }

    @Test
    void unpadStripsTheEvenLengthPaddingOnly() {
        assertEquals("1.2.3", DicomUid.unpad("1.2.3\u0000"));
        assertEquals("1.2.3", DicomUid.unpad(" 1.2.3 \u0000"));
        assertEquals("1.2.34", DicomUid.unpad("1.2.34"));
        assertEquals("", DicomUid.unpad("\u0000"));
        assertEquals(null, DicomUid.unpad(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.", ".1", "1..2", "1.02", "01.2", "1.2a", "../../x", "1.2/3", "1.2 ", " 1.2", "1.2.3\u0000"})
    void rejectsMalformedUids(String uid) {
        assertFalse(DicomUid.isValid(uid));
    }

    @Test
    void rejectsNullAndOverlongUids() {
        assertFalse(DicomUid.isValid(null));
        String sixtyFour = "1." + "2".repeat(62);
        assertEquals(64, sixtyFour.length());
        assertTrue(DicomUid.isValid(sixtyFour));
        assertFalse(DicomUid.isValid(sixtyFour + "2"));
    }

    @Test
    void requireValidNamesTheAttributeAndSanitizesTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DicomUid.requireValid("../\u0007x", "SeriesInstanceUID"));
        assertTrue(e.getMessage().startsWith("SeriesInstanceUID"), e.getMessage());
        assertTrue(e.getMessage().contains("../?x"), e.getMessage());
    }
}
