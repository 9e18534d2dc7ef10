package org.nimbusdicom.store.event;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stands in for query-service's {@code GET /internal/index-progress/wait} in component tests (no
 * query-service runs there): a JDK HTTP server on a loopback port that records every wait and
 * answers {@code {"applied":true}} or, in {@link Mode#NOT_APPLIED}, holds the request for the
 * requested timeout and answers {@code {"applied":false}}, as the real endpoint does.
 */
public class IndexProgressStub implements QuarkusTestResourceLifecycleManager {

    /** How the stub answers. */
    public enum Mode { APPLIED, NOT_APPLIED }

    /** One recorded wait request. */
    public record Wait(String topic, int partition, long offset, long timeoutMs) {
    }

    private static HttpServer server;
    private static volatile Mode mode = Mode.APPLIED;
    private static final List<Wait> WAITS = new CopyOnWriteArrayList<>();
    /** The Authorization header of each wait ("-" when absent): service-to-service auth tests. */
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (server == null) {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.setExecutor(Executors.newFixedThreadPool(4));
                server.createContext("/internal/index-progress/wait", exchange -> {
                    Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
                    Wait wait = new Wait(q.get("topic"), Integer.parseInt(q.get("partition")),
                            Long.parseLong(q.get("offset")), Long.parseLong(q.get("timeoutMs")));
                    WAITS.add(wait);
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    AUTHORIZATIONS.add(authorization == null ? "-" : authorization);
                    boolean applied = mode == Mode.APPLIED;
                    if (!applied) {
                        try {
                            Thread.sleep(wait.timeoutMs());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    byte[] body = ("{\"applied\":" + applied + "}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.start();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the index progress stub", e);
        }
        return Map.of("nimbus.query-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Sets how the next waits are answered and forgets the recorded ones. */
    public static void reset(Mode newMode) {
        mode = newMode;
        WAITS.clear();
        AUTHORIZATIONS.clear();
    }

    /** The Authorization headers of the waits since the last {@link #reset} ("-" when absent). */
    public static List<String> authorizations() {
        return List.copyOf(AUTHORIZATIONS);
    }

    /** The waits received since the last {@link #reset}. */
    public static List<Wait> waits() {
        return List.copyOf(WAITS);
    }

    @Override
    public void stop() {
        // shared by every test class of the module; the JVM exit ends it
    }
}
