package org.nimbusdicom.common.model;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A unique id per stored copy of an instance. Blob keys are versioned by it, so a re-STOW of the
 * same UIDs never overwrites (or gets deleted with) an older copy. Time-ordered: 12 hex digits of
 * epoch milliseconds followed by 20 random hex digits (32 lower-case hex characters in total).
 */
public final class StoreId {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SYNTAX = Pattern.compile("[0-9a-f]{32}");

    private StoreId() {
    }

    /** A new store id. */
    public static String next() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return String.format("%012x", System.currentTimeMillis() & 0xFFFFFFFFFFFFL) + HexFormat.of().formatHex(random);
    }

    /** True for a well-formed store id. */
    public static boolean isValid(String storeId) {
        return storeId != null && SYNTAX.matcher(storeId).matches();
    }

    /** Milliseconds since the epoch at which the id was created. */
    public static long createdAtMillis(String storeId) {
        if (!isValid(storeId)) {
            throw new IllegalArgumentException("not a store id: " + DicomUid.abbreviate(storeId));
        }
        return Long.parseLong(storeId.substring(0, 12), 16);
    }
}
