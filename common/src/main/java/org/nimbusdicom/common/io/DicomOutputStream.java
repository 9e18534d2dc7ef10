package org.nimbusdicom.common.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.BinaryValues;
import org.nimbusdicom.common.data.Fragments;
import org.nimbusdicom.common.data.Sequence;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.data.TextValues;
import org.nimbusdicom.common.data.TransferSyntax;
import org.nimbusdicom.common.data.UID;
import org.nimbusdicom.common.data.VR;

/**
 * Writer of DICOM Part 10 files and raw data sets (PS3.10 7.1, PS3.5 7).
 *
 * <p>The meta group is always explicit VR little endian with a recomputed (0002,0000) group
 * length; the data set follows in the transfer syntax named by (0002,0010) (explicit VR LE when
 * absent) or {@link #setTransferSyntax(String)}: implicit VR LE, explicit VR LE/BE, deflated
 * explicit VR LE. Values are written as held: bytes unchanged (binary numbers swapped for big
 * endian), text set as strings encoded with the effective Specific Character Set, sequences and
 * items with the defined or undefined length they were read with (so an unmodified explicit VR
 * LE file is reproduced byte for byte), encapsulated fragments as items. Values left in the
 * source stream ({@link org.nimbusdicom.common.data.BulkData}) cannot be written; stream them with
 * {@link #writeHeader(int, VR, long)} and {@link #valueStream()} instead.
 */
public class DicomOutputStream implements Closeable {

    private static final byte[] DICM = {'D', 'I', 'C', 'M'};

    private final OutputStream sink;
    private OutputStream out;
    private DeflaterOutputStream deflater;
    private boolean explicitVr = true;
    private boolean bigEndian;
    private final byte[] header = new byte[12];

    /** Writes to {@code out} (buffered internally; {@link #finish()} flushes). */
    public DicomOutputStream(OutputStream out) {
        this.sink = out;
        this.out = new BufferedOutputStream(out, 64 * 1024);
    }

    /** A minimal meta group: version 00\01, SOP class/instance, transfer syntax, implementation UID. */
    public static Attributes createFileMetaInformation(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        Attributes fmi = new Attributes(8);
        fmi.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        fmi.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid);
        fmi.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid);
        fmi.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
        fmi.setString(Tag.ImplementationClassUID, VR.UI, "1.2.826.0.1.3680043.10.1492.1");
        fmi.setString(Tag.ImplementationVersionName, VR.SH, "NIMBUS_01");
        return fmi;
    }

    /** Sets the transfer syntax of the data set (for raw data sets; the meta group sets it otherwise). */
    public void setTransferSyntax(String uid) throws IOException {
        TransferSyntax ts = TransferSyntax.of(uid);
        if (ts.encapsulated() && !ts.explicitVr()) {
            throw new IOException("unsupported transfer syntax " + uid);
        }
        explicitVr = ts.explicitVr();
        bigEndian = ts.bigEndian();
        if (ts.deflated() && deflater == null) {
            deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), 64 * 1024);
            out = deflater;
        }
    }

    /** Writes a whole Part 10 file: preamble (zeros if null), DICM, meta group, data set; then {@link #finish()}. */
    public void writeFile(byte[] preamble, Attributes fileMetaInformation, Attributes dataset) throws IOException {
        writeFileMetaInformation(preamble, fileMetaInformation);
        writeDataset(dataset);
        finish();
    }

    /**
     * Writes preamble, "DICM" and the meta group (group length recomputed), then switches to the
     * transfer syntax named by (0002,0010).
     */
    public void writeFileMetaInformation(byte[] preamble, Attributes fmi) throws IOException {
        if (preamble != null && preamble.length != 128) {
            throw new IllegalArgumentException("preamble must be 128 bytes");
        }
        out.write(preamble == null ? new byte[128] : preamble);
        out.write(DICM);
        explicitVr = true;
        bigEndian = false;
        long groupLength = 0;
        for (int i = 0; i < fmi.size(); i++) {
            if (fmi.tagAt(i) != Tag.FileMetaInformationGroupLength) {
                groupLength += elementLength(fmi, i);
            }
        }
        writeHeader(Tag.FileMetaInformationGroupLength, VR.UL, 4);
        writeInt((int) groupLength);
        for (int i = 0; i < fmi.size(); i++) {
            if (fmi.tagAt(i) != Tag.FileMetaInformationGroupLength) {
                writeElement(fmi, i);
            }
        }
        String ts = fmi.getString(Tag.TransferSyntaxUID);
        setTransferSyntax(ts == null ? UID.ExplicitVRLittleEndian : ts);
    }

    /** Writes the elements of a data set (or a run of top-level elements) in the current transfer syntax. */
    public void writeDataset(Attributes ds) throws IOException {
        for (int i = 0, n = ds.size(); i < n; i++) {
            writeElement(ds, i);
        }
    }

    /** Writes an element header (tag, VR if explicit, length; -1 = undefined) in the current transfer syntax. */
    public void writeHeader(int tag, VR vr, long length) throws IOException {
        int len = length < 0 ? -1 : (int) length;
        if (length > 0xFFFFFFFEL) {
            throw new IOException("value of " + Tag.toHexString(tag) + " too long: " + length);
        }
        putShort(0, tag >>> 16);
        putShort(2, tag & 0xFFFF);
        if (!explicitVr || tag == Tag.Item || tag == Tag.ItemDelimitationItem || tag == Tag.SequenceDelimitationItem) {
            putInt(4, len);
            out.write(header, 0, 8);
            return;
        }
        header[4] = (byte) vr.name().charAt(0);
        header[5] = (byte) vr.name().charAt(1);
        if (vr.headerLength() == 8) {
            if (length < 0 || length > 0xFFFF) {
                throw new IOException("value of " + Tag.toHexString(tag) + " too long for VR " + vr + ": " + length);
            }
            putShort(6, len);
            out.write(header, 0, 8);
        } else {
            header[6] = 0;
            header[7] = 0;
            putInt(8, len);
            out.write(header, 0, 12);
        }
    }

    /** The stream for raw value bytes after {@link #writeHeader} (in the current encoding, deflated if so). */
    public OutputStream valueStream() {
        return out;
    }

    /** Whether the current transfer syntax is big endian (values must be swapped by the caller of valueStream). */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** Completes deflation (if any) and flushes; the underlying stream stays open. */
    public void finish() throws IOException {
        if (deflater != null) {
            deflater.finish();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        sink.close();
    }

    // ---- elements ------------------------------------------------------------------------------

    private void writeElement(Attributes ds, int i) throws IOException {
        int tag = ds.tagAt(i);
        VR vr = ds.vrAt(i);
        Object value = ds.valueAt(i);
        if (value instanceof Sequence) {
            Sequence seq = (Sequence) value;
            writeHeader(tag, VR.SQ, seq.undefinedLength() ? -1 : sequenceLength(seq));
            for (Attributes item : seq) {
                writeHeader(Tag.Item, null, item.undefinedLength() ? -1 : datasetLength(item));
                writeDataset(item);
                if (item.undefinedLength()) {
                    writeHeader(Tag.ItemDelimitationItem, null, 0);
                }
            }
            if (seq.undefinedLength()) {
                writeHeader(Tag.SequenceDelimitationItem, null, 0);
            }
            return;
        }
        if (value instanceof Fragments) {
            Fragments f = (Fragments) value;
            writeHeader(tag, vr, -1);
            for (Object o : f) {
                if (!(o instanceof byte[])) {
                    throw new IOException("fragment of " + Tag.toHexString(tag) + " was not loaded; cannot write it");
                }
                writeHeader(Tag.Item, null, ((byte[]) o).length);
                out.write((byte[]) o);
            }
            writeHeader(Tag.SequenceDelimitationItem, null, 0);
            return;
        }
        byte[] b = valueBytes(ds, vr, value, tag);
        writeHeader(tag, vr, b.length);
        if (bigEndian && vr.swapUnit() > 1) {
            byte[] swapped = b.clone();
            BinaryValues.swap(swapped, 0, swapped.length, vr.swapUnit());
            out.write(swapped);
        } else {
            out.write(b);
        }
    }

    private static final byte[] EMPTY = new byte[0];

    private static byte[] valueBytes(Attributes ds, VR vr, Object value, int tag) throws IOException {
        if (value == null) {
            return EMPTY;
        }
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof String[]) {
            return TextValues.encode((String[]) value, vr, ds.specificCharacterSet());
        }
        throw new IOException("value of " + Tag.toHexString(tag) + " was not loaded (" + value + "); cannot write it");
    }

    private long elementLength(Attributes ds, int i) throws IOException {
        int tag = ds.tagAt(i);
        VR vr = ds.vrAt(i);
        Object value = ds.valueAt(i);
        int headerLength = explicitVr ? (vr == VR.SQ || value instanceof Sequence ? 12 : vr.headerLength()) : 8;
        if (value instanceof Sequence) {
            Sequence seq = (Sequence) value;
            return headerLength + sequenceLength(seq) + (seq.undefinedLength() ? 8 : 0);
        }
        if (value instanceof Fragments) {
            long n = headerLength + 8;
            for (int k = 0; k < ((Fragments) value).size(); k++) {
                n += 8 + ((Fragments) value).itemLength(k);
            }
            return n;
        }
        return headerLength + valueBytes(ds, vr, value, tag).length;
    }

    /** Length of the sequence's items (headers, content, item delimiters), excluding a sequence delimiter. */
    private long sequenceLength(Sequence seq) throws IOException {
        long n = 0;
        for (Attributes item : seq) {
            n += 8 + datasetLength(item) + (item.undefinedLength() ? 8 : 0);
        }
        return n;
    }

    private long datasetLength(Attributes ds) throws IOException {
        long n = 0;
        for (int i = 0; i < ds.size(); i++) {
            n += elementLength(ds, i);
        }
        return n;
    }

    private void writeInt(int v) throws IOException {
        putInt(0, v);
        out.write(header, 0, 4);
    }

    private void putShort(int at, int v) {
        if (bigEndian) {
            header[at] = (byte) (v >>> 8);
            header[at + 1] = (byte) v;
        } else {
            header[at] = (byte) v;
            header[at + 1] = (byte) (v >>> 8);
        }
    }

    private void putInt(int at, int v) {
        if (bigEndian) {
            putShort(at, v >>> 16);
            putShort(at + 2, v & 0xFFFF);
        } else {
            putShort(at, v & 0xFFFF);
            putShort(at + 2, v >>> 16);
        }
    }
}
