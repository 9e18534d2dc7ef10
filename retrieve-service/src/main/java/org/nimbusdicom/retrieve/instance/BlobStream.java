package org.nimbusdicom.retrieve.instance;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An open S3 read: the body stream and its length in bytes. Closing it before the end aborts the
 * HTTP exchange instead of draining the rest of the object.
 */
public final class BlobStream extends FilterInputStream {

    private final long length;
    private final Runnable abort;
    private long remaining;
    private boolean closed;

    BlobStream(InputStream in, long length, Runnable abort) {
        super(in);
        this.length = length;
        this.remaining = length;
        this.abort = abort;
    }

    /** Bytes this stream delivers in total. */
    public long length() {
        return length;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        remaining -= skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (remaining > 0) {
            abort.run();
        }
        in.close();
    }
}
