package org.nimbusdicom.store.ingest;

/** A part that cannot be stored; carries what is known for its FailedSOPSequence item. */
class InvalidInstanceException extends Exception {

    private final transient InstanceFailure failure;

    InvalidInstanceException(InstanceFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    InstanceFailure failure() {
        return failure;
    }
}
