package org.nimbusdicom.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the gateway's rendered nginx.conf in a real nginx (Debian's, as the local stack uses) in
 * front of four stub upstreams on loopback, and checks where each request lands. Skipped when no
 * nginx binary is installed. Also checks that the routing map is the local stack's, line for line.
 */
class GatewayRoutingTest {

    private static final Path NGINX = Paths.get("/usr/sbin/nginx");
    private static final Pattern UPSTREAM = Pattern.compile(
            "server " + Pattern.quote(Chart.FULLNAME) + "-(store|retrieve|query|delete)\\.dicom\\.svc\\.cluster\\.local:\\d+;");

    private final List<HttpServer> stubs = new ArrayList<>();
    private Process nginx;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
        stubs.forEach(s -> s.stop(0));
    }

    @Test
    void routingMapIsTheLocalStacksOne() throws IOException {
        Path local = Paths.get(System.getProperty("nimbus.gateway.template", "local/nginx.conf.template"));
        String chart = Chart.render().gatewayNginxConf();
        assertEquals(routingMap(Files.readString(local)), routingMap(chart));
    }

    private static String routingMap(String conf) {
        Matcher m = Pattern.compile("map \"\\$request_method \\$uri\" \\$nimbus_upstream \\{[^}]*}").matcher(conf);
        assertTrue(m.find(), "routing map not found");
        return m.group().replaceAll("(?m)^\\s+", "");
    }

    @Test
    void routesByMethodAndPath() throws Exception {
        int port = start(Map.of());
        String base = "http://127.0.0.1:" + port;

        assertRoute("store", "POST", base + "/studies", "/studies");
        assertRoute("store", "POST", base + "/studies/1.2.3", "/studies/1.2.3");
        assertRoute("store", "PUT", base + "/studies/1.2.3", "/studies/1.2.3");
        assertRoute("delete", "DELETE", base + "/studies/1.2.3/series/4.5", "/studies/1.2.3/series/4.5");
        assertRoute("query", "GET", base + "/studies?PatientID=X&limit=5", "/studies?PatientID=X&limit=5");
        assertRoute("query", "GET", base + "/studies/", "/studies/");
        assertRoute("query", "HEAD", base + "/series", "/series");
        assertRoute("query", "GET", base + "/instances", "/instances");
        assertRoute("query", "GET", base + "/studies/1.2.3/series", "/studies/1.2.3/series");
        assertRoute("query", "GET", base + "/studies/1.2.3/series/4.5/instances", "/studies/1.2.3/series/4.5/instances");
        assertRoute("retrieve", "GET", base + "/studies/1.2.3", "/studies/1.2.3");
        assertRoute("retrieve", "GET", base + "/studies/1.2.3/metadata", "/studies/1.2.3/metadata");
        assertRoute("retrieve", "GET", base + "/studies/1.2.3/series/4.5/instances/6.7/frames/1",
                "/studies/1.2.3/series/4.5/instances/6.7/frames/1");
        assertRoute("retrieve", "OPTIONS", base + "/studies", "/studies");

        assertEquals(404, send("GET", base + "/internal/index-progress/wait?topic=t&partition=0&offset=1").statusCode());
        assertEquals(404, send("POST", base + "/internal/x").statusCode());
        HttpResponse<String> patch = send("PATCH", base + "/studies");
        assertEquals(405, patch.statusCode());
        assertTrue(patch.headers().firstValue("Allow").orElse("").contains("DELETE"));
    }

    @Test
    void servesTheMergedOpenApiDocument() throws Exception {
        int port = start(Map.of());
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> doc = send("GET", base + "/openapi.yaml");
        assertEquals(200, doc.statusCode());
        assertEquals("application/yaml", doc.headers().firstValue("Content-Type").orElse(""));
        assertEquals(Files.readString(ChartOpenApiTest.MERGED).strip(), doc.body().strip());
        assertTrue(doc.headers().firstValue("X-Nimbus-Upstream").isEmpty(), "served by the gateway itself");
        assertEquals(200, send("HEAD", base + "/openapi.yaml").statusCode());
        assertEquals(403, send("POST", base + "/openapi.yaml").statusCode());
    }

    @Test
    void keepsTheIngressForwardedHeaders() throws Exception {
        int port = start(Map.of());
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/studies/1.2"))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "dicom.example.org")
                .header("X-Forwarded-Port", "443")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("https", response.headers().firstValue("X-Seen-Proto").orElse(""));
        assertEquals("dicom.example.org", response.headers().firstValue("X-Seen-Host").orElse(""));
        assertEquals("443", response.headers().firstValue("X-Seen-Port").orElse(""));

        // without them, this hop's own values
        HttpResponse<String> direct = send("GET", "http://127.0.0.1:" + port + "/studies/1.2");
        assertEquals("http", direct.headers().firstValue("X-Seen-Proto").orElse(""));
        assertEquals("127.0.0.1:" + port, direct.headers().firstValue("X-Seen-Host").orElse(""));
    }

    @Test
    void stripsThePrefixAndAnnouncesIt() throws Exception {
        int port = start(Map.of("routing.pathPrefix", "/dicomweb/v1"));
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> qido = assertRoute("query", "GET", base + "/dicomweb/v1/studies", "/studies");
        assertEquals("/dicomweb/v1", qido.headers().firstValue("X-Seen-Prefix").orElse(""));
        assertRoute("retrieve", "GET", base + "/dicomweb/v1/studies/1.2/metadata", "/studies/1.2/metadata");
        assertRoute("store", "POST", base + "/dicomweb/v1/studies", "/studies");
        assertEquals(404, send("GET", base + "/studies").statusCode(), "outside the prefix");
        assertEquals(404, send("GET", base + "/dicomweb/v1/internal/index-progress/wait").statusCode());
        HttpResponse<String> doc = send("GET", base + "/dicomweb/v1/openapi.yaml");
        assertEquals(200, doc.statusCode());
        assertTrue(doc.body().contains("operationId:"), "the OpenAPI document under the prefix");
    }

    private HttpResponse<String> assertRoute(String service, String method, String url, String upstreamPath) throws Exception {
        HttpResponse<String> response = send(method, url);
        assertEquals(200, response.statusCode(), method + " " + url);
        assertEquals(service, response.headers().firstValue("X-Stub").orElse(""), method + " " + url);
        assertEquals(service, response.headers().firstValue("X-Nimbus-Upstream").orElse(""), method + " " + url);
        assertEquals(upstreamPath, response.headers().firstValue("X-Seen-Path").orElse(""), method + " " + url);
        return response;
    }

    private HttpResponse<String> send(String method, String url) throws Exception {
        HttpRequest.BodyPublisher body = "POST".equals(method) || "PUT".equals(method)
                ? HttpRequest.BodyPublishers.ofString("--B\r\n\r\nx\r\n--B--\r\n")
                : HttpRequest.BodyPublishers.noBody();
        return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, body)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts the stubs and nginx with the chart's gateway config; returns the gateway port. */
    private int start(Map<String, Object> sets) throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (apt-get install nginx-light)");
        String conf = Chart.render(sets).gatewayNginxConf();

        Map<String, Integer> stubPorts = new LinkedHashMap<>();
        for (String service : Chart.SERVICES) {
            stubPorts.put(service, stub(service));
        }
        Matcher m = UPSTREAM.matcher(conf);
        StringBuilder local = new StringBuilder();
        int replaced = 0;
        while (m.find()) {
            m.appendReplacement(local, "server 127.0.0.1:" + stubPorts.get(m.group(1)) + ";");
            replaced++;
        }
        m.appendTail(local);
        assertEquals(4, replaced, "four upstreams");

        int port = freePort();
        int healthPort = freePort();
        String runnable = local.toString()
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                .replace("listen 8090;", "listen 127.0.0.1:" + healthPort + ";")
                .replace("/tmp/", tmp + "/")
                .replace("/etc/nginx/nimbus/openapi.yaml", tmp + "/openapi.yaml")
                .replace("access_log /dev/stdout", "access_log " + tmp + "/access.log");
        if ("root".equals(System.getProperty("user.name"))) {
            // as the local launcher does: workers share the test's temp files
            runnable = "user root;\n" + runnable;
        }
        Path file = tmp.resolve("nginx.conf");
        Files.writeString(file, runnable);
        // the gateway ConfigMap's second key, mounted next to nginx.conf in the pod
        Files.writeString(tmp.resolve("openapi.yaml"), Chart.render(sets).get("ConfigMap", Chart.FULLNAME + "-gateway")
                .path("data").path("openapi.yaml").asText());

        Process test = new ProcessBuilder(NGINX.toString(), "-t", "-q", "-p", tmp + "/", "-c", file.toString(),
                "-e", tmp + "/error.log").redirectErrorStream(true).start();
        String testOutput = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, test.waitFor(), "nginx -t: " + testOutput);

        nginx = new ProcessBuilder(NGINX.toString(), "-p", tmp + "/", "-c", file.toString(), "-e", tmp + "/error.log")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                assertTrue(nginx.isAlive(), () -> "nginx exited: " + read(tmp.resolve("error.log")));
                assertTrue(System.nanoTime() < deadline, "nginx did not listen");
                Thread.sleep(50);
            }
        }
        HttpResponse<String> health = send("GET", "http://127.0.0.1:" + healthPort + "/healthz");
        assertEquals(200, health.statusCode());
        return port;
    }

    private int stub(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            var headers = exchange.getResponseHeaders();
            var request = exchange.getRequestHeaders();
            headers.add("X-Stub", name);
            headers.add("X-Seen-Path", exchange.getRequestURI().toString());
            headers.add("X-Seen-Prefix", String.valueOf(request.getFirst("X-Forwarded-Prefix")));
            headers.add("X-Seen-Proto", String.valueOf(request.getFirst("X-Forwarded-Proto")));
            headers.add("X-Seen-Host", String.valueOf(request.getFirst("X-Forwarded-Host")));
            headers.add("X-Seen-Port", String.valueOf(request.getFirst("X-Forwarded-Port")));
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        stubs.add(server);
        return server.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no " + file + ")";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
