package org.nimbusdicom.common.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import org.nimbusdicom.common.data.Attributes;

/**
 * Writer of DICOM Part 10 files and raw data sets (work in progress: see issue 4).
 */
public class DicomOutputStream implements Closeable {

    private final OutputStream out;

    /** Writes to {@code out}. */
    public DicomOutputStream(OutputStream out) {
        this.out = out;
    }

    /** Writes preamble, DICM, meta group and data set in the meta group's transfer syntax. */
    public void writeFile(byte[] preamble, Attributes fileMetaInformation, Attributes dataset) throws IOException {
        throw new UnsupportedOperationException("DicomOutputStream not yet implemented");
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
