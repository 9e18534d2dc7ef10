package org.nimbusdicom.common.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Loads {@code uids.tsv} once (lazily, on first name look-up): UID to PS3.6 name. */
final class UidDictionary {

    private UidDictionary() {
    }

    /** Holder idiom: the table is read on first use, thread-safely, by the class loader. */
    private static final class Names {
        static final Map<String, String> BY_UID = load();
    }

    static String nameOf(String uid) {
        return uid == null ? null : Names.BY_UID.get(uid.trim());
    }

    private static Map<String, String> load() {
        Map<String, String> names = new HashMap<>(1024);
        try (InputStream in = UidDictionary.class.getResourceAsStream("uids.tsv")) {
            if (in == null) {
                throw new IllegalStateException("uids.tsv missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine(); // header
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t", -1);
                if (f.length >= 2) {
                    names.put(f[0], f[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
