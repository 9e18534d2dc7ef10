package org.nimbusdicom.retrieve.metadata;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.NotAcceptableException;
import org.nimbusdicom.common.mime.MediaTypes;
import org.nimbusdicom.common.mime.MediaTypes.MediaType;
import org.nimbusdicom.retrieve.config.RetrieveConfig;
import org.nimbusdicom.retrieve.instance.FetchExecutor;
import org.nimbusdicom.retrieve.instance.InstanceResolver;
import org.nimbusdicom.retrieve.instance.Prefetcher;
import org.nimbusdicom.retrieve.instance.StoredInstance;
import org.nimbusdicom.retrieve.instance.DicomBlobStore;
import org.nimbusdicom.retrieve.media.Accept;
import org.nimbusdicom.retrieve.media.RetrieveBody;

/**
 * WADO-RS metadata (PS3.18 §10.4.1.1.2): the stored DICOM JSON objects of the addressed
 * instances, concatenated into one JSON array as they stream from S3 (fetched concurrently,
 * bounded, written in order), with BulkDataURIs made absolute on the fly. The ETag is derived
 * from the store ids (a re-STOW or delete changes it) and the public base URL (it appears in the
 * body).
 */
@ApplicationScoped
public class MetadataRetrieveService {

    private static final Logger LOG = Logger.getLogger(MetadataRetrieveService.class);

    private final InstanceResolver resolver;
    private final DicomBlobStore blobStore;
    private final FetchExecutor executor;
    private final MetadataCache cache;
    private final RetrieveConfig config;

    public MetadataRetrieveService(InstanceResolver resolver, DicomBlobStore blobStore, FetchExecutor executor,
            MetadataCache cache, RetrieveConfig config) {
        this.resolver = resolver;
        this.blobStore = blobStore;
        this.executor = executor;
        this.cache = cache;
        this.config = config;
    }

    /**
     * Metadata of a study, series ({@code instance} null) or instance.
     *
     * @param ifNoneMatch the request's If-None-Match header or null
     * @param publicBase absolute base URL without trailing slash, used in BulkDataURIs
     */
    public RetrieveBody metadata(String study, String series, String instance, String acceptHeader, String ifNoneMatch,
            String publicBase, boolean headOnly) {
        InstanceResolver.validate(study, series, instance);
        negotiate(Accept.parse(acceptHeader));
        List<StoredInstance> instances = resolver.resolve(study, series, instance, false);
        String etag = etag(instances, publicBase);
        Map<String, String> headers = Map.of("ETag", etag, "Cache-Control", "no-cache");
        if (matches(ifNoneMatch, etag)) {
            return RetrieveBody.empty(304, headers);
        }
        if (headOnly) {
            return RetrieveBody.ok(MediaTypes.APPLICATION_DICOM_JSON, null, headers, out -> { });
        }
        Prefetcher<byte[]> prefetcher = new Prefetcher<>(instances.size(),
                i -> fetch(instances.get(i).metadataKey()), i -> cache.get(instances.get(i).metadataKey()), bytes -> { },
                config.prefetch().metadata(), executor, config.storage().fetchTimeout(), config.retryAfterSeconds());
        try {
            prefetcher.primeFirst();
        } catch (RuntimeException e) {
            prefetcher.close();
            throw e;
        }
        RetrieveBody.Writer writer = new RetrieveBody.Writer() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (prefetcher) {
                    BulkDataUriRewritingOutputStream json = new BulkDataUriRewritingOutputStream(out, publicBase);
                    json.write('[');
                    for (int i = 0; i < instances.size(); i++) {
                        if (i > 0) {
                            json.write(',');
                        }
                        json.write(next(prefetcher, instances.get(i)));
                    }
                    json.write(']');
                    json.finish();
                }
            }

            @Override
            public void close() {
                prefetcher.close();
            }
        };
        return RetrieveBody.ok(MediaTypes.APPLICATION_DICOM_JSON, null, headers, writer);
    }

    /** A metadata object from the cache, else from S3 (then cached). */
    private byte[] fetch(String key) {
        byte[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] fetched = blobStore.readAll(key);
        cache.put(key, fetched);
        return fetched;
    }

    private static void negotiate(List<MediaType> accept) {
        for (MediaType range : accept) {
            if (range.matches(MediaTypes.APPLICATION_DICOM_JSON) || range.matches(MediaTypes.APPLICATION_JSON)) {
                return;
            }
        }
        throw new NotAcceptableException("metadata is available as application/dicom+json only");
    }

    private static byte[] next(Prefetcher<byte[]> prefetcher, StoredInstance instance) throws IOException {
        try {
            return prefetcher.next();
        } catch (RuntimeException e) {
            LOG.warnf("aborting metadata at instance %s: %s", instance.sopInstanceUid(), e.getMessage());
            throw new IOException("cannot read metadata of " + instance.sopInstanceUid() + ": " + e.getMessage(), e);
        }
    }

    static String etag(List<StoredInstance> instances, String publicBase) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(publicBase.getBytes(StandardCharsets.UTF_8));
            instances.stream().map(StoredInstance::storeId).sorted().forEach(id -> {
                digest.update((byte) '\n');
                digest.update(id.getBytes(StandardCharsets.US_ASCII));
            });
            return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
