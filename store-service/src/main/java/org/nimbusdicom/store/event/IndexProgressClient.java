package org.nimbusdicom.store.event;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nimbusdicom.common.event.IndexProgressWaiter;

/**
 * Waits for query-service's indexer to apply a published event (read-your-writes); the wire
 * protocol lives in {@link IndexProgressWaiter}. Any error counts as "not applied": the data is
 * durable either way, the caller only adds a Warning.
 */
@ApplicationScoped
public class IndexProgressClient {

    private final IndexProgressWaiter waiter;

    public IndexProgressClient(@ConfigProperty(name = "nimbus.query-service.url") String baseUrl) {
        this.waiter = new IndexProgressWaiter(baseUrl);
    }

    /**
     * Waits until the indexer has applied {@code event}, at most {@code timeout}.
     *
     * @return true when query-service confirmed it; false on timeout or any error
     */
    public boolean awaitApplied(PublishedEvent event, Duration timeout) {
        return waiter.awaitApplied(event.topic(), event.partition(), event.offset(), timeout);
    }
}
