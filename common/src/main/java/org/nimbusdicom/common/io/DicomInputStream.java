package org.nimbusdicom.common.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.nimbusdicom.common.data.Attributes;
import org.nimbusdicom.common.data.BinaryValues;
import org.nimbusdicom.common.data.BulkData;
import org.nimbusdicom.common.data.ElementDictionary;
import org.nimbusdicom.common.data.Fragments;
import org.nimbusdicom.common.data.Sequence;
import org.nimbusdicom.common.data.Tag;
import org.nimbusdicom.common.data.TransferSyntax;
import org.nimbusdicom.common.data.UID;
import org.nimbusdicom.common.data.VR;

/**
 * Streaming reader of DICOM Part 10 files and raw data sets (PS3.10 7.1, PS3.5 7).
 *
 * <p>It reads the 128-byte preamble and "DICM" (or detects a file without them), the file meta
 * group (always explicit VR little endian), then the data set in its transfer syntax: implicit VR
 * LE, explicit VR LE/BE, deflated explicit VR LE, encapsulated (fragments). A
 * {@link DicomInputHandler} decides per element whether its value is loaded, skipped (a
 * {@link BulkData} placeholder records its stream offset) or the reader stops before it, so pixel
 * data never has to be in memory. Binary values of big-endian streams are swapped to little endian.
 *
 * <p>Robustness: every declared length is checked against the enclosing item and against the
 * bytes actually present (values are read in bounded chunks, so a bogus 4 GB length in a short
 * stream fails with {@link DicomParseException} instead of allocating 4 GB), loaded values are
 * capped by {@link #setMaxValueLength(long)}, and every element consumes at least 8 bytes, so
 * reading always terminates. Errors name the offset and tag path of the outermost element, item
 * or fragment whose declared extent runs past the end of the stream.
 */
public class DicomInputStream implements Closeable {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int DIRECT_ALLOCATION_LIMIT = 8 << 20;
    private static final long UNDEFINED = -1;

    private InputStream in;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int bufPos;
    private int bufLen;
    /** Stream position of buf[bufPos]. */
    private long pos;
    private boolean trustAvailable = true;

    private String givenTransferSyntax;
    private boolean started;
    private byte[] preamble;
    private Attributes fileMetaInformation;
    private TransferSyntax transferSyntax;
    private String transferSyntaxUid;
    private boolean explicitVr;
    private boolean bigEndian;

    private DicomInputHandler handler = DicomInputHandler.LOAD_ALL;
    private long maxValueLength = Integer.MAX_VALUE - 16;

    // the path to the data set being read: per nesting level the sequence tag and item index
    private int depth;
    private int[] seqTags = new int[8];
    private int[] itemIndexes = new int[8];

    // containers with a defined extent being read, outermost first (for truncation reports)
    private int frames;
    private long[] frameHeader = new long[16];
    private long[] frameEnd = new long[16];
    private String[] framePath = new String[16];
    private int[] frameTag = new int[16];
    private int[] frameDepth = new int[16];

    // the element whose header was read last
    private int tag;
    private VR vr;
    private long length;
    private long headerOffset;
    private long valueOffset;
    private boolean stopped;
    private boolean endOfDataset;

    private int pixelRepresentation = -1;
    private int bitsAllocated = -1;

    /** Reads a Part 10 file, or a raw data set whose encoding is detected from its first element. */
    public DicomInputStream(InputStream in) {
        this.in = in;
    }

    /** Reads a raw data set (no preamble, no meta group) in the given transfer syntax. */
    public DicomInputStream(InputStream in, String transferSyntaxUid) {
        this(in);
        this.givenTransferSyntax = transferSyntaxUid;
    }

    /** Sets the callback deciding what happens to each value (default: load everything). */
    public void setHandler(DicomInputHandler handler) {
        this.handler = handler == null ? DicomInputHandler.LOAD_ALL : handler;
    }

    /** Largest value loaded into memory; a longer one fails with {@link DicomParseException}. */
    public void setMaxValueLength(long maxValueLength) {
        this.maxValueLength = Math.min(maxValueLength, Integer.MAX_VALUE - 16);
    }

    /** The 128-byte preamble, or {@code null} when the input had none. */
    public byte[] preamble() throws IOException {
        start();
        return preamble == null ? null : preamble.clone();
    }

    /** The file meta information (group 0002), or {@code null} for a raw data set. */
    public Attributes readFileMetaInformation() throws IOException {
        start();
        return fileMetaInformation;
    }

    /** The transfer syntax UID of the data set (after {@link #readFileMetaInformation()}). */
    public String transferSyntaxUid() throws IOException {
        start();
        return transferSyntaxUid;
    }

    /** Current stream position (offset of the next unread byte; for deflated data sets, the offset in the inflated data set). */
    public long position() {
        return pos;
    }

    /** Whether the data set was deflated (positions after the meta group are inflated-stream offsets). */
    public boolean deflated() {
        return transferSyntax != null && transferSyntax.deflated();
    }

    /** Tag of the element whose header was read last (e.g. where the reader stopped). */
    public int tag() {
        return tag;
    }

    /** VR of the element whose header was read last. */
    public VR vr() {
        return vr;
    }

    /** Value length of the element whose header was read last, -1 if undefined. */
    public long length() {
        return length;
    }

    /** Stream offset of the header of the element read last. */
    public long headerOffset() {
        return headerOffset;
    }

    /** Stream offset of the first value byte of the element read last. */
    public long valueOffset() {
        return valueOffset;
    }

    /** Whether the last read stopped before an element (its header consumed) rather than at the end. */
    public boolean stopped() {
        return stopped;
    }

    /** Whether the top-level data set has been read to the end of the stream. */
    public boolean endOfDataset() {
        return endOfDataset;
    }

    /** Whether the data set is big endian. */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** Whether the data set has explicit VRs. */
    public boolean explicitVr() {
        return explicitVr;
    }

    /** Path of element {@code t} in the data set being read: {@code 00283010/0/00283006}. */
    public String tagPath(int t) {
        StringBuilder sb = new StringBuilder(9 * (depth + 1) * 2);
        for (int d = 0; d < depth; d++) {
            sb.append(Tag.toHexString(seqTags[d])).append('/').append(itemIndexes[d]).append('/');
        }
        return sb.append(Tag.toHexString(t)).toString();
    }

    /** Nesting depth of the data set being read (0 = top level). */
    public int depth() {
        return depth;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- file header ---------------------------------------------------------------------------

    private void start() throws IOException {
        if (started) {
            return;
        }
        started = true;
        if (givenTransferSyntax != null) {
            setTransferSyntax(givenTransferSyntax);
            return;
        }
        int n = fill(132);
        if (n >= 132 && buf[bufPos + 128] == 'D' && buf[bufPos + 129] == 'I' && buf[bufPos + 130] == 'C' && buf[bufPos + 131] == 'M') {
            preamble = Arrays.copyOfRange(buf, bufPos, bufPos + 128);
            consume(132);
            if (fill(8) < 8 || u16le(bufPos) != 0x0002) {
                throw new DicomParseException("no file meta information after DICM", pos, "");
            }
            readMeta();
            return;
        }
        if (n >= 8 && u16le(bufPos) == 0x0002 && VR.ofCode(u16be(bufPos + 4)) != null) {
            readMeta(); // meta group without preamble
            return;
        }
        String guessed = guessRawEncoding(n);
        if (guessed == null) {
            throw new DicomParseException("cannot recognise a DICOM data set (no preamble/DICM, no plausible first element)", 0, "");
        }
        setTransferSyntax(guessed);
    }

    /** Explicit/implicit LE or explicit BE from the first element of a raw data set; null if implausible. */
    private String guessRawEncoding(int n) {
        if (n < 8) {
            return null;
        }
        int groupLe = u16le(bufPos);
        int groupBe = u16be(bufPos);
        boolean vrLetters = VR.ofCode(u16be(bufPos + 4)) != null;
        if (plausibleFirstGroup(groupLe)) {
            if (vrLetters) {
                return UID.ExplicitVRLittleEndian;
            }
            long len = u32le(bufPos + 4);
            return len < 0x10000 || len == 0xFFFFFFFFL ? UID.ImplicitVRLittleEndian : null;
        }
        if (plausibleFirstGroup(groupBe) && vrLetters) {
            return UID.ExplicitVRBigEndian;
        }
        return null;
    }

    private static boolean plausibleFirstGroup(int group) {
        return group >= 0x0002 && group <= 0x0010 && (group & 1) == 0;
    }

    private void readMeta() throws IOException {
        explicitVr = true;
        bigEndian = false;
        Attributes meta = new Attributes(12);
        while (true) {
            int have = fill(4);
            if (have < 4) {
                if (have == 0) {
                    break;
                }
                throw new DicomParseException("element header needs 8 bytes at offset " + pos + ", only " + have + " left", pos, "");
            }
            if (u16le(bufPos) != 0x0002) {
                break;
            }
            if (!readHeader()) {
                break;
            }
            if (length == UNDEFINED) {
                throw new DicomParseException("undefined length in file meta information", headerOffset, Tag.toHexString(tag));
            }
            meta.setValue(tag, vr, readValueBytes(tag, vr, length));
        }
        fileMetaInformation = meta;
        String ts = meta.getString(Tag.TransferSyntaxUID);
        if (ts == null) {
            // No (0002,0010): like dcmtk and pydicom assume implicit VR LE, unless the data set visibly has VRs.
            ts = fill(8) >= 8 && VR.ofCode(u16be(bufPos + 4)) != null && u16le(bufPos) != 0x0002
                    ? UID.ExplicitVRLittleEndian : UID.ImplicitVRLittleEndian;
        }
        setTransferSyntax(ts);
    }

    private void setTransferSyntax(String uid) throws IOException {
        try {
            transferSyntax = TransferSyntax.of(uid);
        } catch (IllegalArgumentException e) {
            throw new DicomParseException("invalid transfer syntax UID '" + uid + "'", pos, "00020010");
        }
        transferSyntaxUid = transferSyntax.uid();
        explicitVr = transferSyntax.explicitVr();
        bigEndian = transferSyntax.bigEndian();
        if (transferSyntax.deflated()) {
            // hand the buffered compressed bytes to the inflater, positions continue in inflated space
            InputStream rest = new PushbackPrefix(Arrays.copyOfRange(buf, bufPos, bufLen), in);
            bufPos = 0;
            bufLen = 0;
            in = new InflatedInput(new InflaterInputStream(rest, new Inflater(true), 16 * 1024));
            trustAvailable = false;
            pos = 0; // offsets from here on are positions in the inflated data set

        }
    }

    // ---- data set ------------------------------------------------------------------------------

    /** Reads the (rest of the) top-level data set into a new {@link Attributes}. */
    public Attributes readDataset() throws IOException {
        return readDataset(new Attributes(64));
    }

    /**
     * Reads top-level elements into {@code into} until the end of the stream or until the handler
     * answers {@link ValueAction#STOP} (then {@link #stopped()} is true and the element's header
     * has been consumed; continue with {@link #readValue(Attributes)}, {@link #skipValue()} or
     * {@link #copyValueTo(OutputStream, boolean)} and call this method again).
     */
    public Attributes readDataset(Attributes into) throws IOException {
        start();
        stopped = false;
        while (true) {
            if (!readHeaderOrEnd()) {
                endOfDataset = true;
                return into;
            }
            if (isDelimiter(tag)) {
                continue; // stray delimiter at top level: ignore like dcmtk does
            }
            ValueAction action = handler.onElement(this, into, tag, vr, length);
            if (action == ValueAction.STOP) {
                stopped = true;
                return into;
            }
            readValue(into, action);
        }
    }

    /**
     * Reads elements until the first top-level element with a tag &ge; {@code stopTag} (unsigned),
     * whose header is consumed (see {@link #readDataset(Attributes)}).
     */
    public Attributes readDatasetUntil(Attributes into, int stopTag) throws IOException {
        DicomInputHandler previous = handler;
        handler = (dis, parent, t, v, len) -> dis.depth() == 0 && Integer.compareUnsigned(t, stopTag) >= 0
                ? ValueAction.STOP : previous.onElement(dis, parent, t, v, len);
        try {
            return readDataset(into);
        } finally {
            handler = previous;
        }
    }

    /** Loads the value of the element where the reader stopped into {@code into}. */
    public void readValue(Attributes into) throws IOException {
        readValue(into, ValueAction.LOAD);
    }

    /** Skips the value of the element where the reader stopped (recording nothing). */
    public void skipValue() throws IOException {
        if (length == UNDEFINED) {
            readValue(new Attributes(1), ValueAction.SKIP);
        } else {
            pushFrame(headerOffset, valueOffset + length, tag);
            skipBytes(length);
            popFrame();
        }
    }

    /**
     * Streams the defined-length value where the reader stopped to {@code out}, converting binary
     * numbers to the other byte order if {@code swap} (by the VR's unit), without buffering it.
     */
    public void copyValueTo(OutputStream out, boolean swap) throws IOException {
        if (length == UNDEFINED) {
            throw new IllegalStateException("undefined length value cannot be copied raw");
        }
        int unit = swap ? vr.swapUnit() : 1;
        pushFrame(headerOffset, valueOffset + length, tag);
        long remaining = length;
        while (remaining > 0) {
            // BUFFER_SIZE is a multiple of every swap unit, so chunks never split a number
            int want = (int) Math.min(remaining, BUFFER_SIZE);
            if (bufLen - bufPos < want) {
                compact();
                if (fillRaw(want) < want) {
                    truncated("value of " + length + " bytes needs " + length + " bytes at offset " + valueOffset
                            + ", only " + (pos - valueOffset + bufLen - bufPos) + " left", pos + bufLen - bufPos);
                }
            }
            if (unit > 1) {
                BinaryValues.swap(buf, bufPos, want, unit);
            }
            out.write(buf, bufPos, want);
            consume(want);
            remaining -= want;
        }
        popFrame();
    }

    private void readValue(Attributes into, ValueAction action) throws IOException {
        int t = tag;
        VR v = vr;
        long len = length;
        if (len == UNDEFINED) {
            if (v == VR.SQ || v == VR.UN || !v.isBulkCandidate()) {
                boolean implicitInside = v == VR.UN; // PS3.5 6.2.2: UN of undefined length holds implicit VR LE
                into.setValue(t, VR.SQ, readSequence(into, t, UNDEFINED, implicitInside));
            } else {
                into.setValue(t, v, readFragments(t, v, action));
            }
            return;
        }
        if (v == VR.SQ) {
            if (action == ValueAction.SKIP) {
                pushFrame(headerOffset, valueOffset + len, t);
                long off = valueOffset;
                skipBytes(len);
                popFrame();
                into.setValue(t, v, new BulkData(off, len));
            } else {
                pushFrame(headerOffset, valueOffset + len, t);
                into.setValue(t, v, readSequence(into, t, len, false));
                popFrame();
            }
            return;
        }
        if (action == ValueAction.SKIP && len > 0) {
            pushFrame(headerOffset, valueOffset + len, t);
            long off = valueOffset;
            skipBytes(len);
            popFrame();
            into.setValue(t, v, new BulkData(off, len));
            return;
        }
        byte[] value = readValueBytes(t, v, len);
        if (depth == 0) {
            if (t == Tag.PixelRepresentation && value != null && value.length >= 2) {
                pixelRepresentation = (int) BinaryValues.longAt(VR.US, value, 0);
            } else if (t == Tag.BitsAllocated && value != null && value.length >= 2) {
                bitsAllocated = (int) BinaryValues.longAt(VR.US, value, 0);
            }
        }
        into.setValue(t, v, value);
    }

    private byte[] readValueBytes(int t, VR v, long len) throws IOException {
        if (len == 0) {
            return null;
        }
        if (len > maxValueLength) {
            throw new DicomParseException("value of " + len + " bytes exceeds the limit of " + maxValueLength + " bytes",
                    headerOffset, tagPath(t));
        }
        pushFrame(headerOffset, valueOffset + len, t);
        byte[] b = readBytes((int) len);
        popFrame();
        if (bigEndian && v.swapUnit() > 1) {
            BinaryValues.swap(b, 0, b.length, v.swapUnit());
        }
        return b;
    }

    private Sequence readSequence(Attributes parent, int seqTag, long len, boolean implicitInside) throws IOException {
        boolean savedExplicit = explicitVr;
        boolean savedBig = bigEndian;
        if (implicitInside) {
            explicitVr = false;
            bigEndian = false;
        }
        long seqHeader = headerOffset;
        long end = len == UNDEFINED ? Long.MAX_VALUE : valueOffset + len;
        Sequence seq = new Sequence(parent, 2);
        seq.setUndefinedLength(len == UNDEFINED);
        enter(seqTag);
        try {
            while (pos < end) {
                if (!readItemHeader(seqHeader, seqTag, len == UNDEFINED)) {
                    break;
                }
                if (tag == Tag.SequenceDelimitationItem) {
                    if (len == UNDEFINED) {
                        break;
                    }
                    continue; // stray delimiter inside a defined-length sequence
                }
                if (tag != Tag.Item) {
                    throw new DicomParseException("expected an item tag in sequence, found " + Tag.toHexString(tag),
                            headerOffset, tagPathOfItem(seqTag));
                }
                long itemLen = length;
                if (itemLen != UNDEFINED && valueOffset + itemLen > end) {
                    throw new DicomParseException("item of " + itemLen + " bytes exceeds its sequence", headerOffset, tagPathOfItem(seqTag));
                }
                itemIndexes[depth - 1] = seq.size();
                Attributes item = new Attributes(16);
                item.setUndefinedLength(itemLen == UNDEFINED);
                seq.add(item);
                if (itemLen != UNDEFINED) {
                    pushFrame(headerOffset, valueOffset + itemLen, Tag.Item);
                    readItem(item, valueOffset + itemLen);
                    popFrame();
                } else {
                    readItem(item, UNDEFINED);
                }
            }
            if (len != UNDEFINED && pos != end) {
                throw new DicomParseException("sequence content overruns its length", seqHeader, pathOf(seqTag));
            }
        } finally {
            depth--;
            explicitVr = savedExplicit;
            bigEndian = savedBig;
        }
        return seq;
    }

    /** Reads an item header inside a sequence; false at the end of the stream (an error if undefined). */
    private boolean readItemHeader(long seqHeader, int seqTag, boolean undefined) throws IOException {
        int have = fill(8);
        if (have < 8) {
            long at = pos;
            if (have == 0 && undefined) {
                truncated("sequence without delimiter reaches end of stream", seqHeader, pathOfParent(seqTag), at);
            }
            truncated("item header needs 8 bytes at offset " + at + ", only " + have + " left", at, "", at + have);
        }
        headerOffset = pos;
        tag = readTag(bufPos);
        length = u32(bufPos + 4);
        if (length == 0xFFFFFFFFL) {
            length = UNDEFINED;
        }
        consume(8);
        valueOffset = pos;
        return true;
    }

    private void readItem(Attributes item, long end) throws IOException {
        while (end == UNDEFINED || pos < end) {
            if (!readHeaderOrEnd()) {
                truncated(end == UNDEFINED ? "item without delimiter reaches end of stream"
                        : "item content ends early at end of stream", pos, "", pos);
            }
            if (tag == Tag.ItemDelimitationItem) {
                if (end == UNDEFINED) {
                    return;
                }
                continue;
            }
            if (tag == Tag.Item || tag == Tag.SequenceDelimitationItem) {
                throw new DicomParseException("unexpected " + Tag.toHexString(tag) + " inside an item", headerOffset, "");
            }
            if (end != UNDEFINED && length != UNDEFINED && valueOffset + length > end) {
                throw new DicomParseException("value of " + length + " bytes exceeds its item", headerOffset, tagPath(tag));
            }
            ValueAction action = handler.onElement(this, item, tag, vr, length);
            readValue(item, action == ValueAction.STOP ? ValueAction.LOAD : action);
        }
    }

    private Fragments readFragments(int pixelTag, VR v, ValueAction action) throws IOException {
        long elementHeader = headerOffset;
        Fragments fragments = new Fragments(v, 4);
        String base = tagPath(pixelTag);
        while (true) {
            int have = fill(8);
            if (have < 8) {
                truncated(have == 0 ? "encapsulated pixel data without sequence delimiter reaches end of stream"
                        : "item header needs 8 bytes at offset " + pos + ", only " + have + " left",
                        have == 0 ? elementHeader : pos, have == 0 ? base : base + "/frag" + fragments.size(), pos + have);
            }
            long itemHeader = pos;
            int t = readTag(bufPos);
            long len = u32(bufPos + 4);
            consume(8);
            if (t == Tag.SequenceDelimitationItem) {
                return fragments;
            }
            String path = base + "/frag" + fragments.size();
            if (t != Tag.Item || len == 0xFFFFFFFFL) {
                throw new DicomParseException("expected a fragment item, found " + Tag.toHexString(t), itemHeader, path);
            }
            long off = pos;
            pushFrame(itemHeader, off + len, path);
            if ((action == ValueAction.LOAD || fragments.isEmpty()) && len <= maxValueLength) {
                fragments.add(readBytesFor(len, itemHeader, path));
            } else {
                skipBytes(len);
                fragments.add(new BulkData(off, len));
            }
            popFrame();
        }
    }

    private byte[] readBytesFor(long len, long header, String path) throws IOException {
        if (len > maxValueLength) {
            throw new DicomParseException("fragment of " + len + " bytes exceeds the limit", header, path);
        }
        return readBytes((int) len);
    }

    private void enter(int seqTag) {
        if (depth == seqTags.length) {
            seqTags = Arrays.copyOf(seqTags, depth * 2);
            itemIndexes = Arrays.copyOf(itemIndexes, depth * 2);
        }
        seqTags[depth] = seqTag;
        itemIndexes[depth] = 0;
        depth++;
    }

    private String pathOf(int t) {
        return tagPath(t);
    }

    /** Path of the sequence element {@code seqTag} when already inside it (depth incremented). */
    private String pathOfParent(int seqTag) {
        depth--;
        try {
            return tagPath(seqTag);
        } finally {
            depth++;
        }
    }

    private String tagPathOfItem(int seqTag) {
        return pathOfParent(seqTag) + "/" + itemIndexes[depth - 1];
    }

    // ---- element headers -----------------------------------------------------------------------

    /** Reads the next element header; false at a clean end of stream. */
    private boolean readHeaderOrEnd() throws IOException {
        int have = fill(8);
        if (have == 0) {
            return false;
        }
        if (have < 8) {
            truncated("element header needs 8 bytes at offset " + pos + ", only " + have + " left", pos, "", pos + have);
        }
        return readHeader();
    }

    private boolean readHeader() throws IOException {
        int have = fill(8);
        if (have < 8) {
            truncated("element header needs 8 bytes at offset " + pos + ", only " + have + " left", pos, "", pos + have);
        }
        headerOffset = pos;
        tag = readTag(bufPos);
        if (isDelimiter(tag) || tag == Tag.Item) {
            vr = VR.UN;
            length = u32(bufPos + 4);
            if (length == 0xFFFFFFFFL) {
                length = UNDEFINED;
            }
            consume(8);
            valueOffset = pos;
            return true;
        }
        if (explicitVr) {
            int code = u16be(bufPos + 4);
            VR v = VR.ofCode(code);
            if (v == null) {
                throw new DicomParseException("invalid VR '" + printable(code) + "'", headerOffset, tagPath(tag));
            }
            vr = v;
            if (v.headerLength() == 8) {
                length = bigEndian ? u16be(bufPos + 6) : u16le(bufPos + 6);
                consume(8);
            } else {
                if (fill(12) < 12) {
                    int h = fill(12);
                    truncated("element header needs 12 bytes at offset " + pos + ", only " + h + " left", pos, "", pos + h);
                }
                length = u32(bufPos + 8);
                consume(12);
            }
        } else {
            vr = ElementDictionary.vrOf(tag, pixelRepresentation, bitsAllocated);
            length = u32(bufPos + 4);
            consume(8);
        }
        if (length == 0xFFFFFFFFL) {
            length = UNDEFINED;
        } else if ((length & 1) != 0 && vr == VR.SQ) {
            throw new DicomParseException("odd sequence length " + length, headerOffset, tagPath(tag));
        }
        valueOffset = pos;
        return true;
    }

    private static String printable(int code) {
        char a = (char) (code >> 8);
        char b = (char) (code & 0xFF);
        return (Character.isLetterOrDigit(a) ? String.valueOf(a) : "\\x" + Integer.toHexString(a))
                + (Character.isLetterOrDigit(b) ? String.valueOf(b) : "\\x" + Integer.toHexString(b));
    }

    private static boolean isDelimiter(int t) {
        return t == Tag.ItemDelimitationItem || t == Tag.SequenceDelimitationItem;
    }

    private int readTag(int at) {
        return bigEndian ? (u16be(at) << 16) | u16be(at + 2) : (u16le(at) << 16) | u16le(at + 2);
    }

    private long u32(int at) {
        return bigEndian ? u32be(at) : u32le(at);
    }

    private int u16le(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8;
    }

    private int u16be(int at) {
        return (buf[at] & 0xFF) << 8 | (buf[at + 1] & 0xFF);
    }

    private long u32le(int at) {
        return ((long) u16le(at + 2) << 16) | u16le(at);
    }

    private long u32be(int at) {
        return ((long) u16be(at) << 16) | u16be(at + 2);
    }

    // ---- truncation bookkeeping ----------------------------------------------------------------

    private void pushFrame(long header, long end, int t) {
        pushFrame(header, end, (String) null);
        frameTag[frames - 1] = t;
        frameDepth[frames - 1] = depth;
    }

    private void pushFrame(long header, long end, String path) {
        if (frames == frameHeader.length) {
            int n = frames * 2;
            frameHeader = Arrays.copyOf(frameHeader, n);
            frameEnd = Arrays.copyOf(frameEnd, n);
            framePath = Arrays.copyOf(framePath, n);
            frameTag = Arrays.copyOf(frameTag, n);
            frameDepth = Arrays.copyOf(frameDepth, n);
        }
        frameHeader[frames] = header;
        frameEnd[frames] = end;
        framePath[frames] = path;
        frameDepth[frames] = depth;
        frames++;
    }

    private void popFrame() {
        frames--;
    }

    /** Throws for input that ended at {@code eofAt}; blames the outermost container it cuts through. */
    private void truncated(String reason, long offset, String path, long eofAt) throws DicomParseException {
        for (int f = 0; f < frames; f++) {
            if (frameEnd[f] > eofAt) {
                long need = frameEnd[f] - frameHeader[f];
                String p = framePath[f] != null ? framePath[f] : pathAtDepth(frameDepth[f], frameTag[f]);
                throw new DicomParseException((framePath[f] != null ? "fragment" : frameTag[f] == Tag.Item ? "item" : "value of "
                        + p) + " extending to offset " + frameEnd[f] + " runs past end of stream (" + (eofAt - frameHeader[f])
                        + " of " + need + " bytes from its header present; " + reason + ")", frameHeader[f], p);
            }
        }
        throw new DicomParseException(reason, offset, path);
    }

    private void truncated(String reason, long eofAt) throws DicomParseException {
        truncated(reason, headerOffset, tagPath(tag), eofAt);
    }

    private String pathAtDepth(int d, int t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d; i++) {
            sb.append(Tag.toHexString(seqTags[i])).append('/').append(itemIndexes[i]).append('/');
        }
        if (t == Tag.Item) {
            return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 1);
        }
        return sb.append(Tag.toHexString(t)).toString();
    }

    // ---- buffered input ------------------------------------------------------------------------

    private void consume(int n) {
        bufPos += n;
        pos += n;
    }

    private void compact() {
        if (bufPos > 0) {
            System.arraycopy(buf, bufPos, buf, 0, bufLen - bufPos);
            bufLen -= bufPos;
            bufPos = 0;
        }
    }

    /** Ensures up to {@code n} (&le; buffer size) bytes are buffered; returns how many are. */
    private int fill(int n) throws IOException {
        if (bufLen - bufPos >= n) {
            return n;
        }
        compact();
        return Math.min(n, fillRaw(n));
    }

    /** Reads until at least {@code n} bytes are buffered or EOF; returns the buffered count. */
    private int fillRaw(int n) throws IOException {
        while (bufLen - bufPos < n) {
            int r = in.read(buf, bufLen, buf.length - bufLen);
            if (r < 0) {
                break;
            }
            bufLen += r;
        }
        return bufLen - bufPos;
    }

    /** Reads exactly {@code n} bytes, growing the array as data arrives (no huge allocation up front). */
    private byte[] readBytes(int n) throws IOException {
        long start = pos;
        byte[] b = new byte[Math.min(n, DIRECT_ALLOCATION_LIMIT)];
        int have = Math.min(bufLen - bufPos, n);
        System.arraycopy(buf, bufPos, b, 0, have);
        consume(have);
        int filled = have;
        while (filled < n) {
            if (filled == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(n, (long) b.length * 2));
            }
            int r = in.read(b, filled, b.length - filled);
            if (r < 0) {
                truncated("value of " + n + " bytes needs " + n + " bytes at offset " + start + ", only " + filled + " left", pos);
            }
            filled += r;
            pos += r;
        }
        return b;
    }

    /** Skips {@code n} bytes, verifying they exist (skip is trusted only as far as available() vouches). */
    private void skipBytes(long n) throws IOException {
        long start = pos;
        long remaining = n;
        int have = (int) Math.min(bufLen - bufPos, remaining);
        consume(have);
        remaining -= have;
        while (remaining > 0) {
            if (trustAvailable) {
                int avail = in.available();
                if (avail > 0) {
                    long s = in.skip(Math.min(remaining, avail));
                    if (s > 0) {
                        remaining -= s;
                        pos += s;
                        continue;
                    }
                }
            }
            bufPos = 0;
            bufLen = 0;
            int r = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (r < 0) {
                truncated("value of " + n + " bytes needs " + n + " bytes at offset " + start + ", only " + (n - remaining) + " left", pos);
            }
            remaining -= r;
            pos += r;
        }
    }

    /** Turns corrupt or truncated deflate data into a {@link DicomParseException} at the current position. */
    private final class InflatedInput extends java.io.FilterInputStream {
        InflatedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw corrupt(e);
            }
        }

        private DicomParseException corrupt(IOException e) {
            return new DicomParseException("deflated data set is corrupt or truncated (" + e.getMessage() + ")",
                    pos + bufLen - bufPos, "", e);
        }
    }

    /** The buffered bytes of the meta group followed by the rest of the stream (for the inflater). */
    private static final class PushbackPrefix extends InputStream {
        private final byte[] prefix;
        private int at;
        private final InputStream rest;

        PushbackPrefix(byte[] prefix, InputStream rest) {
            this.prefix = prefix;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            return at < prefix.length ? prefix[at++] & 0xFF : rest.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at < prefix.length) {
                int n = Math.min(len, prefix.length - at);
                System.arraycopy(prefix, at, b, off, n);
                at += n;
                return n;
            }
            return rest.read(b, off, len);
        }
    }
}
