package org.nimbusdicom.testsupport;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3-compatible server (S3Proxy, in-memory blob store) on a random loopback port, with
 * AWS v2/v4 signature checking, the same credentials the local stack uses, and the bucket created.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "local-identity";
    public static final String SECRET_KEY = "local-credential";
    public static final String BUCKET = "nimbus-dicom";

    private final S3Proxy proxy;
    private final BlobStore blobStore;

    private EmbeddedS3Server(S3Proxy proxy, BlobStore blobStore) {
        this.proxy = proxy;
        this.blobStore = blobStore;
    }

    /** Starts S3Proxy and creates {@link #BUCKET}. */
    public static EmbeddedS3Server start() throws Exception {
        BlobStore store = new TransientNio2BlobStore();
        store.createContainer(BUCKET);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new EmbeddedS3Server(proxy, store);
    }

    /** {@code http://127.0.0.1:port}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The blob store behind the server, for assertions that bypass HTTP. */
    public BlobStore blobStore() {
        return blobStore;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
