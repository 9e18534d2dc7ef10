package org.nimbusdicom.common.event;

/** An event on the topic could not be decoded; consumers route it to {@code <topic>.dlq}. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
