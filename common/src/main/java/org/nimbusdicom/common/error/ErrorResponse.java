package org.nimbusdicom.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The JSON body of every error answer: {@code {"status":400,"message":"...","failureReason":43264}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(int status, String message, Integer failureReason) {
}
