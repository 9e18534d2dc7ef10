package org.nimbusdicom.retrieve.frame;

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
import org.nimbusdicom.common.model.ByteRange;
import org.nimbusdicom.retrieve.config.RetrieveConfig;
import org.nimbusdicom.retrieve.instance.DicomBlobStore;
import org.nimbusdicom.retrieve.instance.FetchExecutor;
import org.nimbusdicom.retrieve.instance.InstanceRetrieveService;
import org.nimbusdicom.retrieve.instance.Prefetcher;
import org.nimbusdicom.retrieve.media.RetrieveBody;

/**
 * Streams byte ranges of one blob (frames, bulk data values) as a multipart/related body or a
 * single body, with ranged GETs only: each part is the concatenation of its ranges, read with
 * one GET per run of nearby ranges, the next parts' GETs opened ahead (bounded).
 */
@ApplicationScoped
public class RangedPartsWriter {

    private static final Logger LOG = Logger.getLogger(RangedPartsWriter.class);

    /** One part: the blob ranges to concatenate and its Content-Location. */
    public record Part(List<ByteRange> ranges, String contentLocation) {

        /** Bytes in the part. */
        public long length() {
            return ranges.stream().mapToLong(ByteRange::length).sum();
        }
    }

    private final DicomBlobStore blobStore;
    private final FetchExecutor executor;
    private final RetrieveConfig config;

    public RangedPartsWriter(DicomBlobStore blobStore, FetchExecutor executor, RetrieveConfig config) {
        this.blobStore = blobStore;
        this.executor = executor;
        this.config = config;
    }

    /**
     * A multipart/related body of {@code parts}, each with {@code partContentType}. The first
     * part's GET is issued before returning (unless {@code headOnly}), so S3 failures surface as
     * a status code.
     */
    public RetrieveBody multipart(String blobKey, List<Part> parts, String partMediaType, String partContentType,
            boolean headOnly) {
        String boundary = MultipartRelatedWriter.newBoundary();
        String contentType = MediaTypes.multipartRelated(partMediaType, boundary);
        if (headOnly) {
            return RetrieveBody.ok(contentType, null, Map.of(), out -> { });
        }
        Prefetcher<InputStream> prefetcher = new Prefetcher<>(parts.size(),
                i -> blobStore.openRanges(blobKey, parts.get(i).ranges()), RangedPartsWriter::closeQuietly,
                config.prefetch().frames(), executor, config.storage().fetchTimeout(), config.retryAfterSeconds());
        try {
            prefetcher.primeFirst();
        } catch (RuntimeException e) {
            prefetcher.close();
            throw e;
        }
        return RetrieveBody.ok(contentType, null, Map.of(), new RetrieveBody.Writer() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (prefetcher) {
                    MultipartRelatedWriter multipart = new MultipartRelatedWriter(out, boundary);
                    for (Part part : parts) {
                        try (InputStream in = next(prefetcher, part)) {
                            Map<String, String> headers = new LinkedHashMap<>();
                            headers.put("Content-Length", Long.toString(part.length()));
                            headers.put("Content-Location", part.contentLocation());
                            try (OutputStream body = multipart.startPart(partContentType, headers)) {
                                InstanceRetrieveService.copy(in, body, config.storage().copyBufferSize());
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
        });
    }

    /** A single body made of one part's ranges. */
    public RetrieveBody single(String blobKey, Part part, String contentType, int status, Map<String, String> headers,
            boolean headOnly) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Location", part.contentLocation());
        if (headOnly) {
            return new RetrieveBody(status, contentType, part.length(), all, out -> { });
        }
        InputStream in = blobStore.openRanges(blobKey, part.ranges());
        return new RetrieveBody(status, contentType, part.length(), all, new RetrieveBody.Writer() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (in) {
                    InstanceRetrieveService.copy(in, out, config.storage().copyBufferSize());
                }
            }

            @Override
            public void close() {
                closeQuietly(in);
            }
        });
    }

    private static InputStream next(Prefetcher<InputStream> prefetcher, Part part) throws IOException {
        try {
            return prefetcher.next();
        } catch (RuntimeException e) {
            LOG.warnf("aborting ranged retrieve at %s: %s", part.contentLocation(), e.getMessage());
            throw new IOException("cannot read " + part.contentLocation() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException ignored) {
            // releasing an S3 connection
        }
    }
}
