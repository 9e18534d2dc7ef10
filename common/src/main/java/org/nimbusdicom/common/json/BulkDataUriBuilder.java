package org.nimbusdicom.common.json;

/**
 * Maps the tag path of a value that is not inlined ({@code 7FE00010} at top level,
 * {@code 00283010/0/00283006} nested) to the BulkDataURI the JSON carries for it.
 */
@FunctionalInterface
public interface BulkDataUriBuilder {

    /** The URI for the value at {@code tagPath}. */
    String uriFor(String tagPath);
}
