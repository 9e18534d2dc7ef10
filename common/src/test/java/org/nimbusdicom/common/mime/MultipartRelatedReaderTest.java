package org.nimbusdicom.common.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartRelatedReaderTest {

    private static final String CT = "multipart/related; type=\"application/dicom\"; boundary=\"XyZ\"";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Hands out at most a few bytes per read, so boundaries straddle every possible split. */
    private static final class TrickleInputStream extends FilterInputStream {
        private final Random random = new Random(42);

        TrickleInputStream(byte[] data) {
            super(new ByteArrayInputStream(data));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }
    }

    private static List<byte[]> readAll(InputStream in, String contentType) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        try (MultipartRelatedReader reader = MultipartRelatedReader.open(in, contentType)) {
            for (MultipartPart part; (part = reader.nextPart()) != null; ) {
                bodies.add(part.body().readAllBytes());
            }
        }
        return bodies;
    }

    @Test
    void readsPartsWithHeadersAcrossTinyReads() throws IOException {
        byte[] body = ascii("preamble text\r\n"
                + "--XyZ\r\n"
                + "Content-Type: application/dicom; transfer-syntax=1.2.840.10008.1.2.1\r\n"
                + "Content-Location: /studies/1/series/2/instances/3\r\n"
                + "\r\n"
                + "first\r\n--Xy partial\r\nmid-XyZ --Xy not a delimiter\r\n"
                + "\r\n--XyZ\r\n"
                + "Content-Type: application/dicom\r\n"
                + "\r\n"
                + "\r\nsecond\r\n\r\n"
                + "\r\n--XyZ--\r\n"
                + "epilogue is ignored\r\n--XyZ\r\n");
        try (MultipartRelatedReader reader = MultipartRelatedReader.open(new TrickleInputStream(body), CT)) {
            assertEquals("application/dicom", reader.rootType());
            MultipartPart first = reader.nextPart();
            assertNotNull(first);
            assertEquals("1.2.840.10008.1.2.1", first.transferSyntax());
            assertEquals("/studies/1/series/2/instances/3", first.contentLocation());
            assertEquals("application/dicom", first.contentType().essence());
            assertArrayEquals(ascii("first\r\n--Xy partial\r\nmid-XyZ --Xy not a delimiter\r\n"), first.body().readAllBytes());
            MultipartPart second = reader.nextPart();
            assertNotNull(second);
            assertNull(second.transferSyntax());
            assertEquals(1, second.index());
            // leading and trailing CRLFs of a body belong to the body; only the one before the delimiter does not
            assertArrayEquals(ascii("\r\nsecond\r\n\r\n"), second.body().readAllBytes());
            assertNull(reader.nextPart());
            assertNull(reader.nextPart());
        }
    }

    @Test
    void skipsUnreadBodies() throws IOException {
        byte[] body = ascii("--XyZ\r\nContent-Type: application/dicom\r\n\r\naaaaaaaaaaaa\r\n"
                + "--XyZ\r\nContent-Type: application/dicom\r\n\r\nbbb\r\n--XyZ--");
        try (MultipartRelatedReader reader = MultipartRelatedReader.open(new TrickleInputStream(body), CT)) {
            MultipartPart first = reader.nextPart();
            assertEquals('a', first.body().read());
            MultipartPart second = reader.nextPart();
            assertThrows(IOException.class, () -> first.body().read());
            assertArrayEquals(ascii("bbb"), second.body().readAllBytes());
            assertNull(reader.nextPart());
        }
    }

    @Test
    void missingCloseDelimiterIsMalformed() {
        byte[] body = ascii("--XyZ\r\nContent-Type: application/dicom\r\n\r\ntruncated data");
        assertThrows(MalformedMultipartException.class, () -> readAll(new TrickleInputStream(body), CT));
        byte[] afterPart = ascii("--XyZ\r\nContent-Type: application/dicom\r\n\r\ndata\r\n--XyZ\r\n");
        assertThrows(MalformedMultipartException.class, () -> readAll(new ByteArrayInputStream(afterPart), CT));
    }

    @Test
    void bodyWithoutAnyBoundaryIsMalformed() {
        byte[] garbage = ascii("this is not multipart at all, just some bytes\r\n");
        assertThrows(MalformedMultipartException.class, () -> readAll(new ByteArrayInputStream(garbage), CT));
    }

    @Test
    void emptyEntityHasNoParts() throws IOException {
        assertEquals(0, readAll(new ByteArrayInputStream(ascii("--XyZ--\r\n")), CT).size());
    }

    @Test
    void contentTypeWithoutBoundaryIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> MultipartRelatedReader.open(new ByteArrayInputStream(new byte[0]), "multipart/related; type=\"application/dicom\""));
        assertThrows(IllegalArgumentException.class,
                () -> MultipartRelatedReader.open(new ByteArrayInputStream(new byte[0]), "application/dicom"));
    }

    @Test
    void boundaryWithSpecialCharactersAndBareLf() throws IOException {
        String ct = "multipart/related; boundary=\"b:c d=e\"; type=application/dicom";
        byte[] body = ascii("--b:c d=e\nContent-Type: application/dicom\n\nxyz\n--b:c d=e--\n");
        List<byte[]> bodies = readAll(new ByteArrayInputStream(body), ct);
        assertEquals(1, bodies.size());
        assertArrayEquals(ascii("xyz"), bodies.get(0));
    }

    @Test
    void roundTripsBinaryBodiesThroughTheWriter() throws IOException {
        Random random = new Random(7);
        byte[][] payloads = {new byte[3 * 1024 * 1024 + 17], new byte[0], new byte[1], new byte[65536]};
        for (byte[] p : payloads) {
            random.nextBytes(p);
        }
        // a body that contains a CRLF and the boundary prefix that is not a delimiter
        byte[] tricky = ascii("\r\n--nimbus\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartRelatedWriter writer = new MultipartRelatedWriter(out);
        for (byte[] p : payloads) {
            writer.writePart(MediaTypes.APPLICATION_DICOM, Map.of("Content-Location", "/x"), new ByteArrayInputStream(p));
        }
        writer.writePart(MediaTypes.APPLICATION_OCTET_STREAM, null, tricky);
        writer.close();
        List<byte[]> bodies = readAll(new TrickleInputStream(out.toByteArray()), writer.contentType(MediaTypes.APPLICATION_DICOM));
        assertEquals(payloads.length + 1, bodies.size());
        for (int i = 0; i < payloads.length; i++) {
            assertArrayEquals(payloads[i], bodies.get(i), "part " + i);
        }
        assertArrayEquals(tricky, bodies.get(payloads.length));
    }
}
