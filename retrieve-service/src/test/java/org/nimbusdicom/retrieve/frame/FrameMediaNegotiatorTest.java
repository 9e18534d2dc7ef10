package org.nimbusdicom.retrieve.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nimbusdicom.common.error.NotAcceptableException;
import org.nimbusdicom.retrieve.media.Accept;

class FrameMediaNegotiatorTest {

    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String JPEG = "1.2.840.10008.1.2.4.50";
    private static final String JLS = "1.2.840.10008.1.2.4.80";

    private static FrameMediaNegotiator.Choice negotiate(String accept, String ts, boolean encapsulated) {
        return FrameMediaNegotiator.negotiate(Accept.parse(accept), ts, encapsulated, true);
    }

    @Test
    void nativeFramesAreOctetStream() {
        var choice = negotiate(null, IMPLICIT_LE, false);
        assertTrue(choice.multipart());
        assertEquals("application/octet-stream; transfer-syntax=" + EXPLICIT_LE, choice.partContentType());
        assertEquals("application/octet-stream", negotiate("multipart/related; type=\"application/octet-stream\"; transfer-syntax=*",
                EXPLICIT_LE, false).partMediaType());
        assertTrue(negotiate("multipart/related; type=\"application/octet-stream\"; transfer-syntax=1.2.840.10008.1.2",
                EXPLICIT_LE, false).multipart());
        assertFalse(negotiate("application/octet-stream", EXPLICIT_LE, false).multipart());
    }

    @Test
    void encapsulatedFramesCarryTheCompressedType() {
        var any = negotiate("*/*", JPEG, true);
        assertEquals("image/jpeg; transfer-syntax=" + JPEG, any.partContentType());
        assertEquals("image/jls", negotiate("multipart/related; type=\"image/jls\"", JLS, true).partMediaType());
        assertEquals("image/jpeg", negotiate("multipart/related; type=\"application/octet-stream\"; transfer-syntax=*",
                JPEG, true).partMediaType());
        assertEquals("image/jpeg", negotiate("multipart/related; type=\"image/jpeg\"; transfer-syntax=" + JPEG,
                JPEG, true).partMediaType());
    }

    @Test
    void mismatchesAreNotAcceptable() {
        assertThrows(NotAcceptableException.class,
                () -> negotiate("multipart/related; type=\"application/octet-stream\"", JPEG, true));
        assertThrows(NotAcceptableException.class, () -> negotiate("multipart/related; type=\"image/jls\"", JPEG, true));
        assertThrows(NotAcceptableException.class, () -> negotiate("multipart/related; type=\"image/jpeg\"", EXPLICIT_LE, false));
        assertThrows(NotAcceptableException.class,
                () -> negotiate("multipart/related; type=\"image/jpeg\"; transfer-syntax=1.2.840.10008.1.2.4.51", JPEG, true));
        assertThrows(NotAcceptableException.class, () -> negotiate("application/dicom", EXPLICIT_LE, false));
        assertThrows(NotAcceptableException.class, () -> FrameMediaNegotiator.negotiate(
                Accept.parse("application/octet-stream"), EXPLICIT_LE, false, false));
    }

    @Test
    void qualityOrderIsHonoured() {
        var choice = negotiate("multipart/related; type=\"application/octet-stream\"; q=0.5, application/octet-stream",
                EXPLICIT_LE, false);
        assertFalse(choice.multipart());
    }
}
