package org.nimbusdicom.delete.index;

import io.quarkus.oidc.client.OidcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nimbusdicom.common.event.IndexProgressWaiter;
import org.nimbusdicom.common.event.IndexProgressWaiters;
import org.nimbusdicom.delete.config.DeleteConfig;
import org.nimbusdicom.delete.event.PublishedEvent;

/**
 * Read-your-writes: waits, within the configured bound, until query-service's indexer has
 * applied a published delete event; the wire protocol lives in {@link IndexProgressWaiter}.
 * Never throws: an unreachable or slow query-service only means "not known to be applied yet".
 * With OIDC on, query-service requires a service token on /internal/*: it comes from the OIDC
 * client ({@link IndexProgressWaiters}).
 */
@ApplicationScoped
public class IndexProgressClient {

    private final IndexProgressWaiter waiter;
    private final DeleteConfig config;

    public IndexProgressClient(@ConfigProperty(name = "nimbus.query-service.url") String baseUrl,
            @ConfigProperty(name = "quarkus.oidc-client.client-enabled", defaultValue = "false") boolean serviceAuth,
            Instance<OidcClient> oidcClient, DeleteConfig config) {
        this.waiter = IndexProgressWaiters.of(baseUrl, serviceAuth, oidcClient::get);
        this.config = config;
    }

    /** True when the indexer applied the event within the configured timeout. */
    public boolean awaitApplied(PublishedEvent event) {
        if (!config.indexWait().enabled()) {
            return false;
        }
        return waiter.awaitApplied(event.topic(), event.partition(), event.offset(), config.indexWait().timeout());
    }
}
