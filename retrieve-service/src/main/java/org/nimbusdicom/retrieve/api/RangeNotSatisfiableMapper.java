package org.nimbusdicom.retrieve.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.nimbusdicom.common.error.DicomWebExceptionMapper;
import org.nimbusdicom.retrieve.bulkdata.RangeNotSatisfiableException;

/** 416 with the {@code Content-Range: bytes * /length} header RFC 9110 asks for; body as every error. */
@Provider
public class RangeNotSatisfiableMapper implements ExceptionMapper<RangeNotSatisfiableException> {

    @Override
    public Response toResponse(RangeNotSatisfiableException e) {
        Response base = DicomWebExceptionMapper.toResponse(e.status(), e.getMessage(), e.failureReason(), e);
        return Response.fromResponse(base).header("Content-Range", "bytes */" + e.length()).build();
    }
}
