package org.nimbusdicom.common.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTypesTest {

    @Test
    void parsesQuotedAndTokenParameters() {
        MediaTypes.MediaType type = MediaTypes.parse(
                "Multipart/Related; type=\"application/dicom\"; boundary=\"a b;c=d\"; start=\"<root@x>\"");
        assertEquals("multipart/related", type.essence());
        assertTrue(type.is(MediaTypes.MULTIPART_RELATED));
        assertEquals("application/dicom", type.parameter("TYPE"));
        assertEquals("a b;c=d", type.parameter("boundary"));
        assertEquals("<root@x>", type.parameter("start"));
    }

    @Test
    void parsesTransferSyntaxAndEscapes() {
        MediaTypes.MediaType type = MediaTypes.parse("application/dicom;transfer-syntax=1.2.840.10008.1.2.1 ; x=\"q\\\"uote\"");
        assertEquals("1.2.840.10008.1.2.1", type.parameter(MediaTypes.PARAM_TRANSFER_SYNTAX));
        assertEquals("q\"uote", type.parameter("x"));
    }

    @Test
    void rejectsMalformedValues() {
        assertThrows(IllegalArgumentException.class, () -> MediaTypes.parse("multipart"));
        assertThrows(IllegalArgumentException.class, () -> MediaTypes.parse("multipart/related; boundary"));
        assertThrows(IllegalArgumentException.class, () -> MediaTypes.parse("multipart/related; boundary=\"open"));
        assertThrows(IllegalArgumentException.class, () -> MediaTypes.parse("a/b c"));
        assertThrows(IllegalArgumentException.class, () -> MediaTypes.parse(null));
    }

    @Test
    void acceptIsOrderedByQualityAndKeepsCommasInQuotes() {
        List<MediaTypes.MediaType> ranges = MediaTypes.parseAccept(
                "application/json;q=0.5, multipart/related; type=\"application/dicom\"; transfer-syntax=*, */*;q=0.1");
        assertEquals(3, ranges.size());
        assertEquals("multipart/related", ranges.get(0).essence());
        assertEquals("*", ranges.get(0).parameter("transfer-syntax"));
        assertEquals("application/json", ranges.get(1).essence());
        assertTrue(ranges.get(2).matches("application/dicom+json"));
        assertEquals("a,b", MediaTypes.parseAccept("x/y; p=\"a,b\"").get(0).parameter("p"));
    }

    @Test
    void missingAcceptMeansAnything() {
        MediaTypes.MediaType any = MediaTypes.parseAccept(null).get(0);
        assertTrue(any.isWildcard());
        assertTrue(any.matches("application/dicom"));
        MediaTypes.MediaType app = MediaTypes.parse("application/*");
        assertTrue(app.matches("application/dicom"));
        assertFalse(app.matches("multipart/related"));
    }

    @Test
    void qualityOutOfRangeIsZero() {
        assertEquals(0, MediaTypes.parse("a/b;q=2").quality());
        assertEquals(0, MediaTypes.parse("a/b;q=x").quality());
        assertEquals(0.3, MediaTypes.parse("a/b;q=0.3").quality());
        assertNull(MediaTypes.parse("a/b").parameter("q"));
    }

    @Test
    void formatsQuotingWhereNeeded() {
        assertEquals("multipart/related; type=\"application/dicom\"; boundary=abc",
                MediaTypes.multipartRelated("application/dicom", "abc"));
        assertEquals("\"a b\"", MediaTypes.quoteIfNeeded("a b"));
        assertEquals("a/b; x=\"1 2\"", MediaTypes.parse("a/b; x=\"1 2\"").toString());
    }
}
