package org.nimbusdicom.common.event;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.TokensHelper;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link IndexProgressWaiter} of a producing service (store, delete). With OIDC on,
 * query-service requires a service token on {@code /internal/*}: it comes from the service's OIDC
 * client (client credentials grant, {@code NIMBUS_OIDC_SERVICE_CLIENT_ID/SECRET}), cached and
 * refreshed by {@link TokensHelper}.
 */
public final class IndexProgressWaiters {

    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(5);

    private IndexProgressWaiters() {
    }

    /**
     * @param serviceAuth {@code quarkus.oidc-client.client-enabled}
     * @param oidcClient asked only when {@code serviceAuth} (the client bean exists only then)
     */
    public static IndexProgressWaiter of(String queryServiceUrl, boolean serviceAuth, Supplier<OidcClient> oidcClient) {
        if (!serviceAuth) {
            return new IndexProgressWaiter(queryServiceUrl);
        }
        OidcClient client = oidcClient.get();
        TokensHelper tokens = new TokensHelper();
        return new IndexProgressWaiter(queryServiceUrl,
                () -> Optional.of(tokens.getTokens(client).await().atMost(TOKEN_TIMEOUT).getAccessToken()));
    }
}
