package org.nimbusdicom.common.data;

/**
 * Value Representations of PS3.5 section 6.2, each knowing its own encoding facts.
 *
 * <p>{@link #headerLength()} is the explicit-VR element header length: 8 bytes for the short form
 * (2-byte length) and 12 bytes for the long form (2 reserved bytes + 4-byte length), PS3.5 7.1.2.
 * {@link #swapUnit()} is the byte size of one binary number, i.e. the unit that must be byte-swapped
 * between little and big endian (1 = no swapping).
 */
public enum VR {
    AE(Kind.TEXT, 8, ' ', 1, true, false),
    AS(Kind.TEXT, 8, ' ', 1, true, false),
    AT(Kind.BINARY, 8, 0, 2, false, false),
    CS(Kind.TEXT, 8, ' ', 1, true, false),
    DA(Kind.TEXT, 8, ' ', 1, true, false),
    DS(Kind.TEXT, 8, ' ', 1, true, false),
    DT(Kind.TEXT, 8, ' ', 1, true, false),
    FD(Kind.BINARY, 8, 0, 8, false, false),
    FL(Kind.BINARY, 8, 0, 4, false, false),
    IS(Kind.TEXT, 8, ' ', 1, true, false),
    LO(Kind.TEXT, 8, ' ', 1, true, true),
    LT(Kind.TEXT, 8, ' ', 1, false, true),
    OB(Kind.BULK, 12, 0, 1, false, false),
    OD(Kind.BULK, 12, 0, 8, false, false),
    OF(Kind.BULK, 12, 0, 4, false, false),
    OL(Kind.BULK, 12, 0, 4, false, false),
    OV(Kind.BULK, 12, 0, 8, false, false),
    OW(Kind.BULK, 12, 0, 2, false, false),
    PN(Kind.TEXT, 8, ' ', 1, true, true),
    SH(Kind.TEXT, 8, ' ', 1, true, true),
    SL(Kind.BINARY, 8, 0, 4, false, false),
    SQ(Kind.SEQUENCE, 12, 0, 1, false, false),
    SS(Kind.BINARY, 8, 0, 2, false, false),
    ST(Kind.TEXT, 8, ' ', 1, false, true),
    SV(Kind.BINARY, 12, 0, 8, false, false),
    TM(Kind.TEXT, 8, ' ', 1, true, false),
    UC(Kind.TEXT, 12, ' ', 1, true, true),
    UI(Kind.TEXT, 8, 0, 1, true, false),
    UL(Kind.BINARY, 8, 0, 4, false, false),
    UN(Kind.BULK, 12, 0, 1, false, false),
    UR(Kind.TEXT, 12, ' ', 1, false, false),
    US(Kind.BINARY, 8, 0, 2, false, false),
    UT(Kind.TEXT, 12, ' ', 1, false, true),
    UV(Kind.BINARY, 12, 0, 8, false, false);

    private enum Kind { TEXT, BINARY, BULK, SEQUENCE }

    private final Kind kind;
    private final int headerLength;
    private final int paddingByte;
    private final int swapUnit;
    private final boolean multiValued;
    private final boolean specificCharacterSet;
    private final int code;

    VR(Kind kind, int headerLength, int paddingByte, int swapUnit, boolean multiValued, boolean specificCharacterSet) {
        this.kind = kind;
        this.headerLength = headerLength;
        this.paddingByte = paddingByte;
        this.swapUnit = swapUnit;
        this.multiValued = multiValued;
        this.specificCharacterSet = specificCharacterSet;
        this.code = (name().charAt(0) << 8) | name().charAt(1);
    }

    private static final VR[] BY_CODE = new VR[1 << 16];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code] = vr;
        }
    }

    /** Explicit-VR element header length in bytes: 8 (2-byte length) or 12 (reserved + 4-byte length). */
    public int headerLength() {
        return headerLength;
    }

    /** The byte used to pad values to even length: space for text VRs, NUL for UI and binary VRs. */
    public int paddingByte() {
        return paddingByte;
    }

    /** Whether values are character strings (decoded with a character repertoire). */
    public boolean isText() {
        return kind == Kind.TEXT;
    }

    /** Whether values are binary numbers or byte streams (not text, not a sequence). */
    public boolean isBinary() {
        return kind == Kind.BINARY || kind == Kind.BULK;
    }

    /** Whether values are raw byte streams (OB/OD/OF/OL/OV/OW/UN) that may be sent as bulk data. */
    public boolean isBulkCandidate() {
        return kind == Kind.BULK;
    }

    /** Whether this is SQ. */
    public boolean isSequence() {
        return kind == Kind.SEQUENCE;
    }

    /** Whether a text value may hold several values separated by a backslash (LT/ST/UT/UR may not). */
    public boolean isMultiValuedText() {
        return multiValued;
    }

    /** Whether text is decoded with the Specific Character Set (SH/LO/ST/LT/UC/UT/PN); others use the default repertoire. */
    public boolean usesSpecificCharacterSet() {
        return specificCharacterSet;
    }

    /** Bytes per binary number, i.e. the unit swapped between little and big endian (1 = none). */
    public int swapUnit() {
        return swapUnit;
    }

    /** The two ASCII characters of this VR as an unsigned 16-bit big-endian code ('O'<<8|'B'). */
    public int code() {
        return code;
    }

    /** The VR whose two characters form {@code code} ('O'<<8|'B'), or {@code null} if not a VR. */
    public static VR ofCode(int code) {
        return code < 0 || code > 0xFFFF ? null : BY_CODE[code];
    }
}
