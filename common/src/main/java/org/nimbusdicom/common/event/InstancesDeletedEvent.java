package org.nimbusdicom.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Data of {@code org.nimbusdicom.{instance,series,study}.deleted.v1}. Lists every stored copy
 * the delete removes, resolved from the index at request time: the indexer removes only rows
 * with a listed store id, and the cleanup deletes only the listed objects, so a re-STOW racing
 * the delete survives.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstancesDeletedEvent(
        DeletionLevel level,
        String studyInstanceUid,
        String seriesInstanceUid,
        String sopInstanceUid,
        List<DeletedInstance> instances,
        String deletedAt) {
}
