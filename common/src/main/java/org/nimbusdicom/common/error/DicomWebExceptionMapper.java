package org.nimbusdicom.common.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Maps {@link DicomWebException} to its HTTP answer, in one place for all services (each
 * service registers it by having {@code common} on its class path; Quarkus indexes it through
 * {@code quarkus.index-dependency}).
 */
@Provider
public class DicomWebExceptionMapper implements ExceptionMapper<DicomWebException> {

    @Override
    public Response toResponse(DicomWebException e) {
        return toResponse(e.status(), e.getMessage(), e.failureReason(), e);
    }

    /** Builds the error response; shared with the services' mappers for framework exceptions. */
    public static Response toResponse(int status, String message, Integer failureReason, Throwable e) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse(status, message, failureReason));
        if (e instanceof DependencyUnavailableException unavailable) {
            builder.header("Retry-After", unavailable.retryAfterSeconds());
        }
        return builder.build();
    }
}
