package org.nimbusdicom.delete.cleanup;

/** Produces a record and waits for its acknowledgement (throws when Kafka does not accept it). */
@FunctionalInterface
public interface RecordSender {

    void send(String topic, String key, byte[] value);
}
