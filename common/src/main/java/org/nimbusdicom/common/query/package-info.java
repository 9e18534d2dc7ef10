/**
 * Pure QIDO-RS value parsing (PS3.18 §10.6, PS3.4 C.2.2.2): DICOM DA/TM/DT values and ranges,
 * wildcard to SQL {@code LIKE} translation, UID lists and Person Name fuzzy-matching helpers.
 * No database or HTTP types here; invalid input raises
 * {@link org.nimbusdicom.common.error.InvalidRequestException} naming the parameter.
 */
package org.nimbusdicom.common.query;
