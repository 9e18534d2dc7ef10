package org.nimbusdicom.store.event;

import io.quarkus.oidc.client.OidcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nimbusdicom.common.event.IndexProgressWaiter;
import org.nimbusdicom.common.event.IndexProgressWaiters;

/**
 * Waits for query-service's indexer to apply a published event (read-your-writes); the wire
 * protocol lives in {@link IndexProgressWaiter}. Any error counts as "not applied": the data is
 * durable either way, the caller only adds a Warning. With OIDC on, query-service requires a
 * service token on /internal/*: it comes from the OIDC client ({@link IndexProgressWaiters}).
 */
@ApplicationScoped
public class IndexProgressClient {

    private final IndexProgressWaiter waiter;

    /** Without service authentication (unit tests that stand in for query-service). */
    public IndexProgressClient(String baseUrl) {
        this.waiter = new IndexProgressWaiter(baseUrl);
    }

    @Inject
    public IndexProgressClient(@ConfigProperty(name = "nimbus.query-service.url") String baseUrl,
            @ConfigProperty(name = "quarkus.oidc-client.client-enabled", defaultValue = "false") boolean serviceAuth,
            Instance<OidcClient> oidcClient) {
        this.waiter = IndexProgressWaiters.of(baseUrl, serviceAuth, oidcClient::get);
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
