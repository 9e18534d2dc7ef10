package org.nimbusdicom.retrieve.instance;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.nimbusdicom.common.error.InvalidRequestException;
import org.nimbusdicom.common.error.ResourceNotFoundException;
import org.nimbusdicom.common.model.DicomUid;

/**
 * Turns the UIDs of a request path into indexed instances: 400 for a malformed UID (naming the
 * path parameter), 404 naming the missing level (study, series within the study, or instance
 * within the series).
 */
@ApplicationScoped
public class InstanceResolver {

    private final InstanceRepository repository;

    public InstanceResolver(InstanceRepository repository) {
        this.repository = repository;
    }

    /** Validates the UIDs of a request path; {@code series}/{@code instance} may be null. */
    public static void validate(String study, String series, String instance) {
        requireUid(study, "StudyInstanceUID");
        if (series != null) {
            requireUid(series, "SeriesInstanceUID");
        }
        if (instance != null) {
            requireUid(instance, "SOPInstanceUID");
        }
    }

    /**
     * The instances of the study / series / instance, in retrieve order; never empty.
     *
     * @param withLocations also load pixel data and bulk data locations
     */
    public List<StoredInstance> resolve(String study, String series, String instance, boolean withLocations) {
        validate(study, series, instance);
        List<StoredInstance> instances = repository.find(study, series, instance, withLocations);
        if (instances.isEmpty()) {
            throw notFound(study, series, instance);
        }
        return instances;
    }

    /** The single instance, with its pixel data and bulk data locations. */
    public StoredInstance resolveInstance(String study, String series, String instance) {
        return resolve(study, series, instance, true).get(0);
    }

    private ResourceNotFoundException notFound(String study, String series, String instance) {
        if (series == null || !repository.studyExists(study)) {
            return new ResourceNotFoundException("study " + study + " not found");
        }
        if (instance == null || !repository.seriesExists(study, series)) {
            return new ResourceNotFoundException("series " + series + " not found in study " + study);
        }
        return new ResourceNotFoundException("instance " + instance + " not found in series " + series + " of study " + study);
    }

    private static void requireUid(String uid, String what) {
        if (!DicomUid.isValid(uid)) {
            String shown = uid == null ? "" : uid.replaceAll("[^\\x20-\\x7E]", "?");
            if (shown.length() > 80) {
                shown = shown.substring(0, 77) + "...";
            }
            throw new InvalidRequestException(what + " is not a valid DICOM UID: '" + shown + "'");
        }
    }
}
