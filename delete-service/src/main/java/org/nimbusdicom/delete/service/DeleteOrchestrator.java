package org.nimbusdicom.delete.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.nimbusdicom.common.error.DependencyUnavailableException;
import org.nimbusdicom.common.error.ResourceNotFoundException;
import org.nimbusdicom.common.event.DeletedInstance;
import org.nimbusdicom.common.event.DeletionLevel;
import org.nimbusdicom.common.event.InstancesDeletedEvent;
import org.nimbusdicom.common.model.InstanceIdentifier;
import org.nimbusdicom.common.model.SeriesIdentifier;
import org.nimbusdicom.common.model.StudyIdentifier;
import org.nimbusdicom.delete.config.DeleteConfig;
import org.nimbusdicom.delete.event.DeleteEventPublisher;
import org.nimbusdicom.delete.event.EventPublishException;
import org.nimbusdicom.delete.event.PublishedEvent;
import org.nimbusdicom.delete.index.IndexProgressClient;
import org.nimbusdicom.delete.index.IndexedInstance;
import org.nimbusdicom.delete.index.InstanceIndexRepository;

/**
 * One DELETE: resolve the stored copies from the index (404 when there are none), produce one
 * deleted event listing exactly those copies (503 when Kafka does not acknowledge it), then wait
 * for the indexer to apply it (bounded; the outcome says whether it did).
 *
 * <p>Nothing is deleted here: the indexer removes the listed rows and the cleanup consumer the
 * listed objects, both driven by the event. Listing store ids (not UIDs) is what lets a re-STOW
 * of the same UIDs that races this delete survive it.
 */
@ApplicationScoped
public class DeleteOrchestrator {

    private static final Logger LOG = Logger.getLogger(DeleteOrchestrator.class);

    private final InstanceIndexRepository index;
    private final DeleteEventPublisher publisher;
    private final IndexProgressClient progress;
    private final DeleteConfig config;
    private final MeterRegistry registry;

    public DeleteOrchestrator(InstanceIndexRepository index, DeleteEventPublisher publisher,
            IndexProgressClient progress, DeleteConfig config, MeterRegistry registry) {
        this.index = index;
        this.publisher = publisher;
        this.progress = progress;
        this.config = config;
        this.registry = registry;
    }

    /** Deletes every instance of a study. */
    public DeleteOutcome deleteStudy(StudyIdentifier study) {
        List<IndexedInstance> found = index.findByStudy(study);
        if (found.isEmpty()) {
            throw new ResourceNotFoundException("Study " + study.studyInstanceUid() + " not found");
        }
        return publishAndWait(DeletionLevel.STUDY, study.studyInstanceUid(), null, null, found);
    }

    /** Deletes every instance of a series. */
    public DeleteOutcome deleteSeries(SeriesIdentifier series) {
        List<IndexedInstance> found = index.findBySeries(series);
        if (found.isEmpty()) {
            throw new ResourceNotFoundException("Series " + series.seriesInstanceUid() + " not found in study "
                    + series.studyInstanceUid());
        }
        return publishAndWait(DeletionLevel.SERIES, series.studyInstanceUid(), series.seriesInstanceUid(), null, found);
    }

    /** Deletes one instance. */
    public DeleteOutcome deleteInstance(InstanceIdentifier instance) {
        List<IndexedInstance> found = index.findByInstance(instance);
        if (found.isEmpty()) {
            throw new ResourceNotFoundException("Instance " + instance.sopInstanceUid() + " not found in series "
                    + instance.seriesInstanceUid() + " of study " + instance.studyInstanceUid());
        }
        return publishAndWait(DeletionLevel.INSTANCE, instance.studyInstanceUid(), instance.seriesInstanceUid(),
                instance.sopInstanceUid(), found);
    }

    private DeleteOutcome publishAndWait(DeletionLevel level, String study, String series, String sop,
            List<IndexedInstance> found) {
        List<DeletedInstance> listed = found.stream()
                .map(i -> new DeletedInstance(i.seriesInstanceUid(), i.sopInstanceUid(), i.storeId(), i.blobKey(),
                        i.metadataKey()))
                .toList();
        // Large studies are listed over several events: each carries part of the copies with the
        // same level and UIDs; the indexer and the cleanup apply each one independently, and all
        // share the key (StudyInstanceUID), so they land in order on one partition and waiting for
        // the last one waits for all. If a later chunk cannot be published the request answers 503
        // and a retried DELETE removes what is left.
        int chunkSize = Math.max(1, config.events().maxInstancesPerEvent());
        PublishedEvent published = null;
        String deletedAt = Instant.now().toString();
        for (int from = 0; from < listed.size(); from += chunkSize) {
            List<DeletedInstance> chunk = listed.subList(from, Math.min(listed.size(), from + chunkSize));
            InstancesDeletedEvent event = new InstancesDeletedEvent(level, study, series, sop, chunk, deletedAt);
            try {
                published = publisher.publish(event);
            } catch (EventPublishException e) {
                LOG.warnf("DELETE %s %s: %s", level.wireName(), study, e.getMessage());
                throw new DependencyUnavailableException("Kafka", config.events().retryAfterSeconds(), e);
            }
        }
        Counter.builder("nimbus.delete.requests").description("DELETE requests whose event was produced")
                .tag("level", level.wireName()).register(registry).increment();
        boolean applied = progress.awaitApplied(published);
        LOG.debugf("DELETE %s %s: %d instance(s), event %s, index applied=%s", level.wireName(), study,
                listed.size(), published, applied);
        return new DeleteOutcome(published, listed.size(), applied);
    }
}
