package org.nimbusdicom.store.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/** A read-only window {@code [position, position+length)} of a file, read with positional reads (thread-safe on the channel). */
final class SliceChannel implements ReadableByteChannel {

    private final FileChannel file;
    private final long end;
    private long position;
    private boolean open = true;

    SliceChannel(FileChannel file, long position, long length) {
        this.file = file;
        this.position = position;
        this.end = position + length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (position >= end) {
            return -1;
        }
        int limit = dst.limit();
        long remaining = end - position;
        if (dst.remaining() > remaining) {
            dst.limit(dst.position() + (int) remaining);
        }
        try {
            int n = file.read(dst, position);
            if (n < 0) {
                throw new IOException("staging file shorter than expected");
            }
            position += n;
            return n;
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false; // the file channel belongs to the caller
    }
}
