package org.nimbusdicom.store.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.common.error.FailureReason;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.common.error.PayloadTooLargeException;
import org.nimbusdicom.common.error.UnsupportedMediaTypeException;
import org.nimbusdicom.common.event.InstanceStoredEvent;
import org.nimbusdicom.common.mime.MalformedMultipartException;
import org.nimbusdicom.common.mime.MediaTypes;
import org.nimbusdicom.common.mime.MultipartPart;
import org.nimbusdicom.common.mime.MultipartRelatedReader;
import org.nimbusdicom.common.model.BlobKeys;
import org.nimbusdicom.common.model.DicomUid;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.StoreId;
import org.nimbusdicom.store.config.StoreConfig;
import org.nimbusdicom.store.event.EventOutcomeUnknownException;
import org.nimbusdicom.store.event.IndexProgressClient;
import org.nimbusdicom.store.event.InstanceEventPublisher;
import org.nimbusdicom.store.event.PublishedEvent;
import org.nimbusdicom.store.storage.DicomBlobStore;

/**
 * The STOW-RS transaction. Per part: stage to a temporary file → parse and validate → upload the
 * blob and its metadata to S3 → publish the {@code instance.stored.v1} event and wait for the
 * broker's acknowledgement. After all parts: wait (bounded) until the indexer applied the events.
 *
 * <p>Failure rules: a bad part fails only itself (FailedSOPSequence item); a body that is not a
 * well-formed multipart entity before any complete part is a 400; a part over the per-part limit
 * or a body over the request limit is a 413; Kafka/S3/PostgreSQL unavailable before anything was
 * stored is a 503 with Retry-After, and after some instances were stored the remaining work stops
 * and the stored ones are reported (202 with Retry-After). Compensation: when Kafka definitively
 * refused the event, the blob and metadata just uploaded are deleted (best effort); when the
 * event's outcome is unknown (not acknowledged in time, may still be delivered) they are kept.
 * What is left unreferenced by any index row is removed by delete-service's orphan sweeper.
 */
@ApplicationScoped
public class StoreOrchestrator {

    private static final Logger LOG = Logger.getLogger(StoreOrchestrator.class);
    /** Message of the IOException Quarkus REST raises once the body passes {@code max-body-size}. */
    private static final String BODY_TOO_LARGE = "Request too large";

    private final PartStager stager;
    private final InstanceParser parser;
    private final InstanceIndexRepository index;
    private final StoredInstanceMapper mapper;
    private final DicomBlobStore blobStore;
    private final InstanceEventPublisher publisher;
    private final IndexProgressClient indexProgress;
    private final StoreConfig config;

    public StoreOrchestrator(PartStager stager, InstanceParser parser, InstanceIndexRepository index,
            StoredInstanceMapper mapper, DicomBlobStore blobStore, InstanceEventPublisher publisher,
            IndexProgressClient indexProgress, StoreConfig config) {
        this.stager = stager;
        this.parser = parser;
        this.index = index;
        this.mapper = mapper;
        this.blobStore = blobStore;
        this.publisher = publisher;
        this.indexProgress = indexProgress;
        this.config = config;
    }

    /**
     * Stores the instances of one STOW request.
     *
     * @param body the request body, streamed
     * @param contentType the request's Content-Type header (may be null)
     * @param studyInstanceUid the study of {@code POST /studies/{study}}, or null
     */
    public StoreResult store(InputStream body, String contentType, String studyInstanceUid) {
        if (studyInstanceUid != null && !DicomUid.isValid(studyInstanceUid)) {
            throw new InvalidRequestException("study is not a valid DICOM UID: '" + abbreviate(studyInstanceUid) + "'");
        }
        MediaTypes.MediaType type = requestType(contentType);
        Request request = new Request(studyInstanceUid);
        if (type.is(MediaTypes.APPLICATION_DICOM)) {
            storePart(body, request);
        } else {
            storeMultipart(body, contentType, request);
        }
        boolean indexUpdated = awaitIndex(request.events);
        LOG.infof("STOW%s: %d stored, %d failed%s", studyInstanceUid == null ? "" : " study " + studyInstanceUid,
                request.stored.size(), request.failed.size(), indexUpdated ? "" : " (index not yet updated)");
        return new StoreResult(studyInstanceUid, List.copyOf(request.stored), List.copyOf(request.failed), indexUpdated,
                request.retryAfterSeconds);
    }

    private static MediaTypes.MediaType requestType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new UnsupportedMediaTypeException("missing Content-Type; expected multipart/related; "
                    + "type=\"application/dicom\" or application/dicom");
        }
        MediaTypes.MediaType type;
        try {
            type = MediaTypes.parse(contentType);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedMediaTypeException("malformed Content-Type: " + e.getMessage());
        }
        if (type.is(MediaTypes.APPLICATION_DICOM)) {
            return type;
        }
        if (!type.is(MediaTypes.MULTIPART_RELATED)) {
            throw new UnsupportedMediaTypeException("unsupported Content-Type " + type.essence()
                    + "; expected multipart/related; type=\"application/dicom\" or application/dicom");
        }
        String root = type.parameter(MediaTypes.PARAM_TYPE);
        if (root != null && !MediaTypes.APPLICATION_DICOM.equalsIgnoreCase(root)) {
            if (MediaTypes.APPLICATION_DICOM_JSON.equalsIgnoreCase(root) || MediaTypes.APPLICATION_DICOM_XML.equalsIgnoreCase(root)) {
                throw new UnsupportedMediaTypeException("STOW-RS of metadata and bulk data (multipart/related; type=\""
                        + root.toLowerCase(java.util.Locale.ROOT) + "\") is not supported; send Part 10 instances with "
                        + "multipart/related; type=\"application/dicom\"");
            }
            throw new UnsupportedMediaTypeException("unsupported multipart/related type \"" + root
                    + "\"; expected type=\"application/dicom\"");
        }
        return type;
    }

    private void storeMultipart(InputStream body, String contentType, Request request) {
        MultipartRelatedReader reader;
        try {
            reader = MultipartRelatedReader.open(body, contentType);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("invalid multipart/related Content-Type: " + e.getMessage());
        } catch (IOException e) {
            throw readFailure(e);
        }
        while (true) {
            MultipartPart part;
            try {
                part = reader.nextPart();
            } catch (IOException e) {
                if (e instanceof MalformedMultipartException && request.parts > 0) {
                    // the parts before are complete and stored: report them, fail the rest
                    request.failed.add(new InstanceFailure(null, null, FailureReason.CANNOT_UNDERSTAND,
                            "request body ended malformed after " + request.parts + " part(s): " + e.getMessage()));
                    return;
                }
                throw readFailure(e);
            }
            if (part == null) {
                break;
            }
            String partType = part.contentTypeValue();
            if (partType != null && !isDicom(partType)) {
                request.parts++;
                request.failed.add(new InstanceFailure(null, null, FailureReason.CANNOT_UNDERSTAND,
                        "part " + part.index() + " has unsupported Content-Type " + partType));
                continue;
            }
            if (!storePart(part.body(), request)) {
                return;
            }
        }
        if (request.parts == 0) {
            throw new InvalidRequestException("the multipart/related body contains no part");
        }
    }

    private static boolean isDicom(String partType) {
        try {
            return MediaTypes.parse(partType).is(MediaTypes.APPLICATION_DICOM);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Stages, validates and stores one part; a part-level problem becomes a failure entry.
     *
     * @return false when the body cannot be read further (framing broken after complete parts)
     */
    private boolean storePart(InputStream body, Request request) {
        StagedPart staged;
        try {
            staged = stager.stage(body);
        } catch (MalformedMultipartException e) {
            if (request.parts > 0) {
                request.failed.add(new InstanceFailure(null, null, FailureReason.CANNOT_UNDERSTAND,
                        "request body ended malformed in part " + request.parts + ": " + e.getMessage()));
                request.parts++;
                return false;
            }
            throw readFailure(e);
        } catch (IOException e) {
            throw readFailure(e);
        }
        request.parts++;
        ParsedInstance instance = null;
        try (staged) {
            instance = parser.parse(staged);
            validateAgainstRequest(instance, request);
            request.stored.add(persist(instance, staged, request));
        } catch (InvalidInstanceException e) {
            LOG.debugf("part %d rejected: %s", request.parts - 1, e.getMessage());
            request.failed.add(e.failure());
        } catch (DependencyUnavailableException e) {
            if (request.stored.isEmpty()) {
                throw e; // nothing durable yet: the whole request is a 503
            }
            // what is stored is durable: report it, fail this part, stop reading
            request.failed.add(new InstanceFailure(instance == null ? null : instance.sopClassUid(),
                    instance == null ? null : instance.identifier().sopInstanceUid(),
                    FailureReason.PROCESSING_FAILURE, e.getMessage()));
            request.retryAfterSeconds = e.retryAfterSeconds();
            return false;
        }
        return true;
    }

    private void validateAgainstRequest(ParsedInstance instance, Request request) throws InvalidInstanceException {
        InstanceIdentifier id = instance.identifier();
        if (request.studyInstanceUid != null && !request.studyInstanceUid.equals(id.studyInstanceUid())) {
            throw new InvalidInstanceException(new InstanceFailure(instance.sopClassUid(), id.sopInstanceUid(),
                    FailureReason.MISMATCH_STUDY_INSTANCE_UID, "StudyInstanceUID " + id.studyInstanceUid()
                    + " does not match the study of the request URL"));
        }
        if (!request.sopInstanceUids.add(id.sopInstanceUid())) {
            throw new InvalidInstanceException(new InstanceFailure(instance.sopClassUid(), id.sopInstanceUid(),
                    FailureReason.SOP_INSTANCE_ALREADY_EXISTS, "SOP instance sent twice in the same request"));
        }
        Optional<String> existing = index.findStoreId(id.sopInstanceUid());
        if (existing.isPresent()) {
            throw new InvalidInstanceException(new InstanceFailure(instance.sopClassUid(), id.sopInstanceUid(),
                    FailureReason.SOP_INSTANCE_ALREADY_EXISTS, "SOP instance already exists"));
        }
    }

    /** Blob, metadata, event; undoes the uploads when the event cannot be published. */
    private StoredInstance persist(ParsedInstance instance, StagedPart staged, Request request)
            throws InvalidInstanceException {
        InstanceIdentifier id = instance.identifier();
        String storeId = StoreId.next();
        String blobKey = BlobKeys.blobKey(id, storeId);
        String metadataKey = BlobKeys.metadataKey(id, storeId);
        byte[] metadata;
        InstanceStoredEvent event;
        try {
            metadata = mapper.metadataJson(instance);
            event = mapper.storedEvent(instance, storeId, blobKey, metadataKey, Instant.now());
        } catch (RuntimeException e) {
            // a data set the codec parsed but cannot render: this part fails, not the request
            LOG.warnf("cannot render metadata of %s: %s", id.sopInstanceUid(), e.toString());
            throw new InvalidInstanceException(new InstanceFailure(instance.sopClassUid(), id.sopInstanceUid(),
                    FailureReason.PROCESSING_FAILURE, "cannot render the instance metadata: " + e.getMessage()));
        }
        blobStore.putBlob(blobKey, staged.file(), staged.size());
        PublishedEvent published;
        try {
            blobStore.putMetadata(metadataKey, metadata);
            published = publisher.publish(event);
        } catch (EventOutcomeUnknownException e) {
            // the event may still be delivered and indexed: its blob and metadata must stay (an
            // index row without its blob would be worse than an orphan the sweeper collects)
            throw e;
        } catch (RuntimeException e) {
            blobStore.deleteQuietly(metadataKey);
            blobStore.deleteQuietly(blobKey);
            throw e;
        }
        LOG.debugf("stored %s as %s (partition %d offset %d)", id.sopInstanceUid(), storeId, published.partition(),
                published.offset());
        request.events.add(published);
        return new StoredInstance(id, instance.sopClassUid(), storeId);
    }

    /** Waits for the highest offset per partition; true only when every wait confirmed. */
    private boolean awaitIndex(List<PublishedEvent> events) {
        if (events.isEmpty()) {
            return true;
        }
        if (!config.indexWait().enabled()) {
            return false;
        }
        Map<String, PublishedEvent> latest = new LinkedHashMap<>();
        for (PublishedEvent event : events) {
            latest.merge(event.topic() + "/" + event.partition(), event, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        long deadline = System.nanoTime() + config.indexWait().timeout().toNanos();
        boolean applied = true;
        for (PublishedEvent event : latest.values()) {
            Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            applied &= indexProgress.awaitApplied(event, remaining);
        }
        return applied;
    }

    private static RuntimeException readFailure(IOException e) {
        if (BODY_TOO_LARGE.equals(e.getMessage())) {
            return new PayloadTooLargeException("request body exceeds the configured limit");
        }
        if (e instanceof MalformedMultipartException) {
            return new InvalidRequestException("malformed multipart/related body: " + e.getMessage(), e);
        }
        return new InvalidRequestException("cannot read the request body: " + e.getMessage(), e);
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 80 ? printable : printable.substring(0, 77) + "...";
    }

    /** Per-request state. */
    private static final class Request {
        final String studyInstanceUid;
        final List<StoredInstance> stored = new ArrayList<>();
        final List<InstanceFailure> failed = new ArrayList<>();
        final List<PublishedEvent> events = new ArrayList<>();
        final Set<String> sopInstanceUids = new HashSet<>();
        int parts;
        Integer retryAfterSeconds;

        Request(String studyInstanceUid) {
            this.studyInstanceUid = studyInstanceUid;
        }
    }
}
