package org.nimbusdicom.common.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * The one {@code mp.openapi.filter} of every service (MicroProfile OpenAPI takes a single filter
 * class): the OIDC protection ({@link DicomWebSecurityFilter}) and the shared error bodies
 * ({@link ErrorBodyFilter}) of the DICOMweb operations.
 */
public class DicomWebOpenApiFilter implements OASFilter {

    private final DicomWebSecurityFilter security = new DicomWebSecurityFilter();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        security.filterOpenAPI(openAPI);
        ErrorBodyFilter.filter(openAPI);
    }
}
