package org.nimbusdicom.common.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.nimbusdicom.common.data.Attributes;

/** Reads DICOM JSON (PS3.18 Annex F) into {@link Attributes} (work in progress: see issue 4). */
public final class DicomJsonReader {

    private DicomJsonReader() {
    }

    /** Reads one JSON object from {@code p}. */
    public static Attributes read(JsonParser p) throws IOException {
        throw new UnsupportedOperationException("DicomJsonReader not yet implemented");
    }

    /** Parses one JSON object. */
    public static Attributes parse(byte[] json) throws IOException {
        throw new UnsupportedOperationException("DicomJsonReader not yet implemented");
    }
}
