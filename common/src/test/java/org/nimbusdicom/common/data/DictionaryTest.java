package org.nimbusdicom.common.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tag, VR, UID, TransferSyntax and ElementDictionary facts. */
class DictionaryTest {

    @Test
    void tagConstantsAndHex() {
        assertEquals(0x7FE00010, Tag.PixelData);
        assertEquals(0x0020000D, Tag.StudyInstanceUID);
        assertEquals("7FE00010", Tag.toHexString(Tag.PixelData));
        assertEquals("FFFEE000", Tag.toHexString(Tag.Item));
        assertEquals(0xFFFEE0DD, Tag.parseHex("fffee0dd"));
        assertThrows(IllegalArgumentException.class, () -> Tag.parseHex("123"));
    }

    @Test
    void dictionaryLookups() {
        assertEquals(VR.PN, ElementDictionary.vrOf(Tag.PatientName));
        assertEquals("PatientName", ElementDictionary.keywordOf(0x00100010));
        assertEquals(Tag.StudyInstanceUID, ElementDictionary.tagForKeyword("StudyInstanceUID"));
        assertEquals(-1, ElementDictionary.tagForKeyword("NoSuchKeyword"));
        // repeating groups
        assertEquals(VR.OW, ElementDictionary.vrOf(0x60023000));
        assertEquals("OverlayData", ElementDictionary.keywordOf(0x60023000));
        assertEquals(VR.US, ElementDictionary.vrOf(0x50100005));
        // private, group length, unknown
        assertEquals(VR.LO, ElementDictionary.vrOf(0x00090010));
        assertEquals(VR.UN, ElementDictionary.vrOf(0x00091001));
        assertEquals(VR.UL, ElementDictionary.vrOf(0x00080000));
        assertNull(ElementDictionary.keywordOf(0x00091001));
        // ambiguous VRs
        assertEquals(VR.US, ElementDictionary.vrOf(Tag.SmallestImagePixelValue));
        assertEquals(VR.SS, ElementDictionary.vrOf(Tag.SmallestImagePixelValue, 1, 16));
        assertEquals(VR.OW, ElementDictionary.vrOf(Tag.PixelData));
    }

    @Test
    void vrFacts() {
        assertEquals(12, VR.OB.headerLength());
        assertEquals(12, VR.UT.headerLength());
        assertEquals(8, VR.US.headerLength());
        assertEquals(' ', VR.LO.paddingByte());
        assertEquals(0, VR.UI.paddingByte());
        assertTrue(VR.OW.isBulkCandidate());
        assertFalse(VR.US.isBulkCandidate());
        assertTrue(VR.FD.isBinary());
        assertTrue(VR.PN.usesSpecificCharacterSet());
        assertFalse(VR.CS.usesSpecificCharacterSet());
        assertEquals(VR.OV, VR.ofCode(('O' << 8) | 'V'));
        assertNull(VR.ofCode(('Z' << 8) | 'Z'));
        assertEquals(34, VR.values().length);
    }

    @Test
    void uidsAndTransferSyntaxes() {
        assertEquals("1.2.840.10008.1.2.1", UID.ExplicitVRLittleEndian);
        assertEquals("Secondary Capture Image Storage", UID.nameOf(UID.SecondaryCaptureImageStorage));
        assertNull(UID.nameOf("1.2.3.4"));
        TransferSyntax be = TransferSyntax.of(UID.ExplicitVRBigEndian);
        assertTrue(be.bigEndian() && be.explicitVr() && !be.encapsulated());
        assertTrue(TransferSyntax.of(UID.DeflatedExplicitVRLittleEndian).deflated());
        assertFalse(TransferSyntax.of(UID.ImplicitVRLittleEndian).explicitVr());
        assertTrue(TransferSyntax.isUncompressed("1.2.840.10008.1.2\0"));
        assertFalse(TransferSyntax.isUncompressed(UID.JPEGBaseline8Bit));
        assertEquals("image/jpeg", TransferSyntax.of("1.2.840.10008.1.2.4.50").frameMediaType());
        assertEquals("image/jls", TransferSyntax.of("1.2.840.10008.1.2.4.80").frameMediaType());
        assertEquals("image/jp2", TransferSyntax.of("1.2.840.10008.1.2.4.91").frameMediaType());
        assertEquals("image/jpx", TransferSyntax.of("1.2.840.10008.1.2.4.92").frameMediaType());
        assertEquals("image/x-dicom-rle", TransferSyntax.of("1.2.840.10008.1.2.5").frameMediaType());
        assertEquals("application/octet-stream", TransferSyntax.of(UID.ExplicitVRLittleEndian).frameMediaType());
        TransferSyntax unknown = TransferSyntax.of("1.2.3.4.5");
        assertTrue(unknown.explicitVr() && unknown.encapsulated() && !unknown.bigEndian());
        assertThrows(IllegalArgumentException.class, () -> TransferSyntax.of("not.a.uid"));
        assertThrows(IllegalArgumentException.class, () -> TransferSyntax.of("1.02.3"));
    }
}
