package org.nimbusdicom.common.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read or skipped from the wrapped stream (to learn a stream's total size). */
final class CountingInputStream extends FilterInputStream {

    private long count;

    CountingInputStream(InputStream in) {
        super(in);
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = in.skip(n);
        if (s > 0) {
            count += s;
        }
        return s;
    }

    /** Reads the stream to its end, counting. */
    void drain() throws IOException {
        byte[] b = new byte[8192];
        while (true) {
            int avail = in.available();
            if (avail > 0 && skip(avail) > 0) {
                continue;
            }
            if (read(b, 0, b.length) < 0) {
                return;
            }
        }
    }
}
