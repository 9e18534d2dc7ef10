package org.nimbusdicom.retrieve.instance;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.mime.MediaTypes;
import org.nimbusdicom.common.mime.MultipartRelatedWriter;
import org.nimbusdicom.retrieve.config.RetrieveConfig;
import org.nimbusdicom.retrieve.media.Accept;
import org.nimbusdicom.retrieve.media.RetrieveBody;

/**
 * WADO-RS retrieval of studies, series and instances (PS3.18 §10.4): resolves the instances
 * through the index, negotiates framing and transfer syntax, and streams the blobs from S3 into
 * the response — as stored, or transcoded between native syntaxes — with the next blobs opened
 * ahead (bounded) so that throughput is not one S3 round trip per instance.
 */
@ApplicationScoped
public class InstanceRetrieveService {

    private static final Logger LOG = Logger.getLogger(InstanceRetrieveService.class);

    private final InstanceResolver resolver;
    private final DicomBlobStore blobStore;
    private final InstanceTranscoder transcoder;
    private final FetchExecutor executor;
    private final RetrieveConfig config;

    public InstanceRetrieveService(InstanceResolver resolver, DicomBlobStore blobStore, InstanceTranscoder transcoder,
            FetchExecutor executor, RetrieveConfig config) {
        this.resolver = resolver;
        this.blobStore = blobStore;
        this.transcoder = transcoder;
        this.executor = executor;
        this.config = config;
    }

    /**
     * Retrieves a study ({@code series} and {@code instance} null), a series ({@code instance}
     * null) or an instance.
     *
     * @param publicBase absolute base URL for Content-Location, without trailing slash
     * @param headOnly resolve and negotiate only; the body is empty and nothing is read from S3
     */
    public RetrieveBody retrieve(String study, String series, String instance, String acceptHeader, String publicBase,
            boolean headOnly) {
        InstanceResolver.validate(study, series, instance);
        var accept = Accept.parse(acceptHeader);
        List<StoredInstance> instances = resolver.resolve(study, series, instance, false);
        InstanceMediaNegotiator.Choice choice = InstanceMediaNegotiator.negotiate(
                accept, instance != null, instances, transcoder::canTranscode);
        if (!choice.multipart()) {
            return single(instances.get(0), choice.transferSyntaxes().get(0), choice.transcode().get(0), publicBase, headOnly);
        }
        String boundary = MultipartRelatedWriter.newBoundary();
        String contentType = MediaTypes.multipartRelated(MediaTypes.APPLICATION_DICOM, boundary);
        if (headOnly) {
            return RetrieveBody.ok(contentType, null, Map.of(), out -> { });
        }
        Prefetcher<BlobStream> prefetcher = new Prefetcher<>(instances.size(),
                i -> blobStore.open(instances.get(i).blobKey()), InstanceRetrieveService::closeQuietly,
                config.prefetch().instances(), executor, config.storage().fetchTimeout(), config.retryAfterSeconds());
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
                    MultipartRelatedWriter multipart = new MultipartRelatedWriter(out, boundary);
                    for (int i = 0; i < instances.size(); i++) {
                        StoredInstance stored = instances.get(i);
                        String ts = choice.transferSyntaxes().get(i);
                        boolean convert = choice.transcode().get(i);
                        try (BlobStream blob = next(prefetcher, stored)) {
                            Map<String, String> headers = new LinkedHashMap<>();
                            headers.put("Content-Location", publicBase + stored.identifier().path());
                            if (!convert && blob.length() >= 0) {
                                headers.put("Content-Length", Long.toString(blob.length()));
                            }
                            try (OutputStream part = multipart.startPart(dicomType(ts), headers)) {
                                writeInstance(blob, part, ts, convert);
                            }
                        }
                    }
                    multipart.close();
                }
            }

            @Override
            public void close() {
                prefetcher.close();
            }
        };
        return RetrieveBody.ok(contentType, null, Map.of(), writer);
    }

    private RetrieveBody single(StoredInstance stored, String ts, boolean convert, String publicBase, boolean headOnly) {
        Map<String, String> headers = Map.of("Content-Location", publicBase + stored.identifier().path());
        if (headOnly) {
            return RetrieveBody.ok(dicomType(ts), convert ? null : stored.sizeBytes(), headers, out -> { });
        }
        BlobStream blob = blobStore.open(stored.blobKey());
        Long length = convert || blob.length() < 0 ? null : blob.length();
        return RetrieveBody.ok(dicomType(ts), length, headers, new RetrieveBody.Writer() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (blob) {
                    writeInstance(blob, out, ts, convert);
                }
            }

            @Override
            public void close() {
                closeQuietly(blob);
            }
        });
    }

    private void writeInstance(InputStream blob, OutputStream out, String ts, boolean convert) throws IOException {
        if (convert) {
            transcoder.transcode(blob, out, ts);
        } else {
            copy(blob, out, config.storage().copyBufferSize());
        }
    }

    private static BlobStream next(Prefetcher<BlobStream> prefetcher, StoredInstance stored) throws IOException {
        try {
            return prefetcher.next();
        } catch (RuntimeException e) {
            // the status line is gone; abort the response so the client sees a truncated body
            LOG.warnf("aborting retrieve at instance %s: %s", stored.sopInstanceUid(), e.getMessage());
            throw new IOException("cannot read instance " + stored.sopInstanceUid() + ": " + e.getMessage(), e);
        }
    }

    static String dicomType(String transferSyntax) {
        return MediaTypes.APPLICATION_DICOM + "; " + MediaTypes.PARAM_TRANSFER_SYNTAX + "=" + transferSyntax;
    }

    /** Copies with a large buffer (S3 delivers in big chunks; 8 KiB copies cost throughput). */
    public static void copy(InputStream in, OutputStream out, int bufferSize) throws IOException {
        byte[] buffer = new byte[bufferSize];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // releasing an S3 connection; nothing useful to report
        }
    }
}
