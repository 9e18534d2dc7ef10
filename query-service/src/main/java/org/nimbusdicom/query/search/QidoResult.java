package org.nimbusdicom.query.search;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One page of QIDO-RS matches.
 *
 * @param matches the DICOM JSON objects of the page
 * @param moreMatches true when matches beyond {@code offset + limit} exist (PS3.18 asks the server to
 *        say so with a {@code Warning: 299} header, which clients such as dicomweb-client follow)
 */
public record QidoResult(ArrayNode matches, boolean moreMatches) {
}
