package org.nimbusdicom.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attributes: sorted storage, typed access, character sets, select. */
class AttributesTest {

    @Test
    void keepsTagsSortedUnsigned() {
        Attributes a = new Attributes(2);
        a.setString(Tag.PatientID, VR.LO, "X");
        a.setNull(0xFFFAFFFA, VR.SQ);
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setInt(Tag.Rows, VR.US, 512);
        assertArrayEquals(new int[] {Tag.SpecificCharacterSet, Tag.PatientID, Tag.Rows, 0xFFFAFFFA}, a.tags());
        assertEquals(4, a.size());
        a.remove(Tag.PatientID);
        assertFalse(a.contains(Tag.PatientID));
        assertEquals(3, a.size());
    }

    @Test
    void typedAccess() {
        Attributes a = new Attributes();
        a.setBytes(Tag.ImageType, VR.CS, "ORIGINAL\\PRIMARY ".getBytes(StandardCharsets.US_ASCII));
        a.setBytes(Tag.SOPInstanceUID, VR.UI, "1.2.3\0".getBytes(StandardCharsets.US_ASCII));
        a.setBytes(Tag.NumberOfFrames, VR.IS, " 12 ".getBytes(StandardCharsets.US_ASCII));
        a.setInt(Tag.Columns, VR.US, 65535);
        a.setBytes(Tag.AccessionNumber, VR.SH, "  ".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ORIGINAL", a.getString(Tag.ImageType));
        assertArrayEquals(new String[] {"ORIGINAL", "PRIMARY"}, a.getStrings(Tag.ImageType));
        assertEquals("1.2.3", a.getString(Tag.SOPInstanceUID));
        assertEquals(12, a.getInt(Tag.NumberOfFrames, -1));
        assertEquals(65535, a.getInt(Tag.Columns, -1));
        assertEquals("65535", a.getString(Tag.Columns));
        assertNull(a.getString(Tag.AccessionNumber));
        assertEquals(-1, a.getInt(Tag.PatientID, -1));
        assertNull(a.getSequence(Tag.PatientID));
        assertEquals(VR.US, a.getVR(Tag.Columns));
    }

    @Test
    void itemsInheritCharacterSetAndSelectKeepsIt() {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setBytes(Tag.PatientName, VR.PN, "Buc^J\u00e9r\u00f4me".getBytes(StandardCharsets.ISO_8859_1));
        List<Attributes> seq = a.newSequence(Tag.OtherPatientIDsSequence);
        Attributes item = new Attributes();
        item.setBytes(Tag.PatientName, VR.PN, "M\u00fcller".getBytes(StandardCharsets.ISO_8859_1));
        seq.add(item);
        assertEquals("M\u00fcller", a.getSequence(Tag.OtherPatientIDsSequence).get(0).getString(Tag.PatientName));
        Attributes sel = a.select(Tag.PatientName, Tag.OtherPatientIDsSequence);
        assertEquals(2, sel.size());
        assertEquals("Buc^J\u00e9r\u00f4me", sel.getString(Tag.PatientName));
        assertEquals("M\u00fcller", sel.getSequence(Tag.OtherPatientIDsSequence).get(0).getString(Tag.PatientName));
    }

    @Test
    void iso2022Decoding() {
        SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
        byte[] b = "Yamada^Tarou=\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Yamada^Tarou=\u5c71\u7530^\u592a\u90ce", cs.decode(b, 0, b.length, true));
        SpecificCharacterSet kr = SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");
        byte[] k = new byte[] {0x1b, '$', ')', 'C', (byte) 0xfb, (byte) 0xf3};
        assertEquals("\u6d2a", kr.decode(k, 0, k.length, true));
        assertEquals("\u00e9", SpecificCharacterSet.valueOf("ISO_IR 100").decode(new byte[] {(byte) 0xe9}, 0, 1, false));
        assertTrue(SpecificCharacterSet.valueOf((String[]) null) == SpecificCharacterSet.DEFAULT);
    }
}
