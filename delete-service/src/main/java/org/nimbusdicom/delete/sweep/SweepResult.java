package org.nimbusdicom.delete.sweep;

/**
 * What one sweep did.
 *
 * @param listed objects listed under {@code studies/}
 * @param foreign objects whose key does not follow the layout (never touched)
 * @param referenced objects whose store id an index row references (kept)
 * @param young unreferenced objects younger than the grace period (kept)
 * @param swept unreferenced old objects deleted
 * @param failed deletions that failed (retried by the next sweep)
 */
public record SweepResult(long listed, long foreign, long referenced, long young, long swept, long failed) {
}
