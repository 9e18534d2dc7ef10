package org.nimbusdicom.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The chart under test: renders it with helm-java (the real helm v3 library, no cluster) and parses
 * the manifests with Jackson YAML.
 */
final class Chart {

    /** Release name and namespace used by every render. */
    static final String RELEASE = "dicomweb";
    static final String NAMESPACE = "dicom";
    /** Base name of the release's objects ({release}-{chart}). */
    static final String FULLNAME = "dicomweb-nimbus-dicomweb";
    /** helm-java defaults to Kubernetes v1.20 for client-side rendering; the chart needs 1.25+. */
    static final String KUBE_VERSION = "v1.30.0";

    static final List<String> SERVICES = List.of("store", "retrieve", "query", "delete");
    static final Map<String, Integer> PORTS = Map.of("store", 8081, "retrieve", 8082, "query", 8083, "delete", 8084);

    private static final YAMLMapper YAML = new YAMLMapper();

    private Chart() {
    }

    static Path dir() {
        return Paths.get(System.getProperty("nimbus.chart.dir", "helm/nimbus-dicomweb")).toAbsolutePath();
    }

    static Path example(String name) {
        return Paths.get(System.getProperty("nimbus.examples.dir", "helm/examples")).resolve(name).toAbsolutePath();
    }

    /** Renders the chart at {@code chartDir}; {@code sets} are {@code --set key=value} pairs. */
    static Manifests render(Path chartDir, List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(chartDir).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            template = template.withValuesFile(file);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return Manifests.parse(template.call());
    }

    static Manifests render(Map<String, Object> sets) {
        return render(dir(), List.of(), sets);
    }

    static Manifests render() {
        return render(Map.of());
    }

    static Manifests renderExample(String exampleFile, Map<String, Object> sets) {
        return render(dir(), List.of(example(exampleFile)), sets);
    }

    /** Pairs for {@link #render(Map)}, in order. */
    static Map<String, Object> sets(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** The rendered NOTES.txt, from a client-only dry-run install. */
    static String notes(Path... valuesFiles) {
        var install = new Helm(dir()).install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .dryRun()
                .clientOnly();
        for (Path file : valuesFiles) {
            install = install.withValuesFile(file);
        }
        Release release = install.call();
        return release.getOutput();
    }

    /** The rendered documents of one {@code helm template}. */
    static final class Manifests {
        final String text;
        final List<JsonNode> documents;

        private Manifests(String text, List<JsonNode> documents) {
            this.text = text;
            this.documents = documents;
        }

        static Manifests parse(String text) {
            List<JsonNode> docs = new ArrayList<>();
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.has("kind")) {
                        docs.add(doc);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("rendered manifests are not valid YAML", e);
            }
            return new Manifests(text, docs);
        }

        List<JsonNode> ofKind(String kind) {
            return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).collect(Collectors.toList());
        }

        Optional<JsonNode> find(String kind, String name) {
            return ofKind(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst();
        }

        JsonNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError(
                    "no " + kind + " named " + name + " in " + names(kind)));
        }

        List<String> names(String kind) {
            return ofKind(kind).stream().map(d -> d.path("metadata").path("name").asText()).collect(Collectors.toList());
        }

        JsonNode deployment(String service) {
            return get("Deployment", FULLNAME + "-" + service);
        }

        JsonNode container(String service) {
            JsonNode containers = deployment(service).path("spec").path("template").path("spec").path("containers");
            assertEquals(1, containers.size(), service + ": one container");
            return containers.get(0);
        }

        /** The {@code env} entry of a service's container, or {@code null}. */
        JsonNode env(String service, String name) {
            for (JsonNode env : container(service).path("env")) {
                if (name.equals(env.path("name").asText())) {
                    return env;
                }
            }
            return null;
        }

        /** Shared ConfigMap data (envFrom of every service). */
        JsonNode config() {
            return get("ConfigMap", FULLNAME + "-config").path("data");
        }

        String gatewayNginxConf() {
            return get("ConfigMap", FULLNAME + "-gateway").path("data").path("nginx.conf").asText();
        }
    }

    static List<JsonNode> list(JsonNode array) {
        assertTrue(array == null || array.isMissingNode() || array.isArray(), "not an array: " + array);
        return array == null ? List.of() : StreamSupport.stream(array.spliterator(), false).collect(Collectors.toList());
    }

    /** Copy of the chart (to render hook templates without their hook annotations, see MigrationHookTest). */
    static Path copy(Path target) throws IOException {
        Path source = dir();
        try (var paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return target;
    }
}
