package org.nimbusdicom.retrieve.media;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * What a retrieve service answers: status, content type, extra headers and a body that streams
 * from S3 when written. Services build it; resources turn it into a JAX-RS response, so services
 * never depend on JAX-RS.
 *
 * <p>The body may hold S3 streams that were opened eagerly (so that a missing blob or an
 * unavailable S3 is reported with a proper status before the first byte). {@link #close()}
 * releases them when the body is not written (HEAD, errors).
 */
public record RetrieveBody(int status, String contentType, Long contentLength, Map<String, String> headers, Writer writer)
        implements AutoCloseable {

    /** Streams the body. */
    @FunctionalInterface
    public interface Writer extends AutoCloseable {

        void writeTo(OutputStream out) throws IOException;

        @Override
        default void close() {
        }
    }

    /** A 200 body. */
    public static RetrieveBody ok(String contentType, Long contentLength, Map<String, String> headers, Writer writer) {
        return new RetrieveBody(200, contentType, contentLength, headers, writer);
    }

    /** A body-less answer such as 304. */
    public static RetrieveBody empty(int status, Map<String, String> headers) {
        return new RetrieveBody(status, null, null, headers, out -> { });
    }

    @Override
    public void close() {
        writer.close();
    }
}
