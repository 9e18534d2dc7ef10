package org.nimbusdicom.common.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wait client against a loopback stand-in for query-service that, like query-service with
 * OIDC on, answers 401 unless the expected bearer token is sent.
 */
class IndexProgressWaiterTest {

    private static final String TOKEN = "service-token-1";
    private HttpServer server;
    private final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/internal/index-progress/wait", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizationHeaders.add(auth == null ? "<none>" : auth);
            boolean ok = ("Bearer " + TOKEN).equals(auth);
            byte[] body = (ok ? "{\"applied\":true}" : "{\"status\":401}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheServiceTokenAsBearer() {
        IndexProgressWaiter waiter = new IndexProgressWaiter(url, () -> Optional.of(TOKEN));
        assertTrue(waiter.awaitApplied("t", 0, 5, Duration.ofMillis(100)));
        assertEquals(List.of("Bearer " + TOKEN), authorizationHeaders);
    }

    @Test
    void withoutATokenNoHeaderAndA401CountsAsNotApplied() {
        IndexProgressWaiter waiter = new IndexProgressWaiter(url);
        assertFalse(waiter.awaitApplied("t", 0, 5, Duration.ofMillis(100)));
        assertEquals(List.of("<none>"), authorizationHeaders);
    }

    @Test
    void aFailingTokenSupplierCountsAsNotAppliedWithoutARequest() {
        IndexProgressWaiter waiter = new IndexProgressWaiter(url, () -> {
            throw new IllegalStateException("token endpoint down");
        });
        assertFalse(waiter.awaitApplied("t", 0, 5, Duration.ofMillis(100)));
        assertTrue(authorizationHeaders.isEmpty());
    }
}
