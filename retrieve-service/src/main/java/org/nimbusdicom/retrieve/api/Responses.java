package org.nimbusdicom.retrieve.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.nimbusdicom.retrieve.media.RetrieveBody;

/** Turns a service's {@link RetrieveBody} into a JAX-RS response whose entity streams from S3. */
final class Responses {

    private Responses() {
    }

    static Response of(RetrieveBody body, boolean headOnly) {
        Response.ResponseBuilder builder = Response.status(body.status());
        body.headers().forEach(builder::header);
        if (body.contentType() != null) {
            builder.header(HttpHeaders.CONTENT_TYPE, body.contentType());
        }
        if (body.contentLength() != null) {
            builder.header(HttpHeaders.CONTENT_LENGTH, body.contentLength());
        }
        if (headOnly || body.status() == 304) {
            body.close();
            return builder.build();
        }
        RetrieveBody.Writer writer = body.writer();
        StreamingOutput entity = out -> {
            try {
                writer.writeTo(out);
            } finally {
                writer.close();
            }
        };
        return builder.entity(entity).build();
    }
}
