package org.nimbusdicom.common.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.data.VR;
import org.nimbusdicom.common.io.Corpus;

/** DICOM JSON reader: every expected corpus JSON reads and writes back to the same JSON. */
class DicomJsonReaderTest {

    static Stream<JsonNode> ok() {
        return Corpus.ok();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ok")
    void expectedJsonRoundTrips(JsonNode entry) throws IOException {
        JsonNode expected = Corpus.expectedJson(entry);
        Attributes ds = DicomJsonReader.parse(Corpus.MAPPER.writeValueAsBytes(expected));
        JsonNode again = DicomJsonWriter.toObjectNode(ds, p -> "unused");
        assertEquals(List.of(), Corpus.diff(expected, again));
    }

    @Test
    void compactOutputAndValueTypes() throws IOException {
        Attributes ds = new Attributes();
        ds.setString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎");
        ds.setString(Tag.SliceThickness, VR.DS, "0.1000000000000000055511151231257827");
        ds.setInt(Tag.Rows, VR.US, 512);
        ds.setString(Tag.ModalitiesInStudy, VR.CS, "CT", "MR");
        ds.newSequence(Tag.ReferencedSeriesSequence).add(new Attributes().setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3"));
        String json = new String(DicomJsonWriter.toJsonBytes(ds, p -> "/bulk/" + p), StandardCharsets.UTF_8);
        assertEquals("{\"00080061\":{\"vr\":\"CS\",\"Value\":[\"CT\",\"MR\"]},"
                + "\"00081115\":{\"vr\":\"SQ\",\"Value\":[{\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}}]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\"}]},"
                + "\"00180050\":{\"vr\":\"DS\",\"Value\":[0.1000000000000000055511151231257827]},"
                + "\"00280010\":{\"vr\":\"US\",\"Value\":[512]}}", json);
        Attributes back = DicomJsonReader.parse(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("Yamada^Tarou=山田^太郎", back.getString(Tag.PatientName));
        assertEquals(512, back.getInt(Tag.Rows, 0));
        assertArrayEquals(new String[] {"CT", "MR"}, back.getStrings(Tag.ModalitiesInStudy));
        assertEquals("1.2.3", back.getSequence(Tag.ReferencedSeriesSequence).get(0).getString(Tag.SeriesInstanceUID));
    }

    @Test
    void malformedJsonFails() {
        assertThrows(IOException.class, () -> DicomJsonReader.parse("{\"0010\":{}}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> DicomJsonReader.parse("{\"00100010\":{\"vr\":\"XX\"}}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> DicomJsonReader.parse("[1]".getBytes(StandardCharsets.UTF_8)));
    }
}
