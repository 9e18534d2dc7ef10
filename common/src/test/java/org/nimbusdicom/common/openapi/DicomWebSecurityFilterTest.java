package org.nimbusdicom.common.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.junit.jupiter.api.Test;

class DicomWebSecurityFilterTest {

    private static Operation op() {
        return OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("ok")));
    }

    @Test
    void dicomWebOperationsGetBearerAuth401And403WithTheRoleOfTheirMethod() {
        Operation stow = op();
        Operation wado = op();
        Operation head = op();
        Operation qido = op();
        Operation delete = op();
        Operation internal = op();
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/studies", OASFactory.createPathItem().POST(stow).GET(qido))
                .addPathItem("/studies/{study}", OASFactory.createPathItem().GET(wado).HEAD(head).DELETE(delete))
                .addPathItem("/internal/index-progress/wait", OASFactory.createPathItem().GET(internal)));

        new DicomWebSecurityFilter().filterOpenAPI(api);

        assertEquals("OIDC on: the token lacks the role dicom.write", stow.getResponses().getAPIResponse("403").getDescription());
        assertEquals("OIDC on: the token lacks the role dicom.read", wado.getResponses().getAPIResponse("403").getDescription());
        assertEquals("OIDC on: the token lacks the role dicom.read", head.getResponses().getAPIResponse("403").getDescription());
        assertEquals("OIDC on: the token lacks the role dicom.read", qido.getResponses().getAPIResponse("403").getDescription());
        assertEquals("OIDC on: the token lacks the role dicom.delete", delete.getResponses().getAPIResponse("403").getDescription());
        for (Operation o : List.of(stow, wado, head, qido, delete)) {
            assertTrue(o.getResponses().hasAPIResponse("401"));
            assertTrue(o.getResponses().hasAPIResponse("200"), "existing answers stay");
            assertEquals(1, o.getSecurity().size());
            assertTrue(o.getSecurity().get(0).hasScheme("bearerAuth"));
        }
        assertEquals(List.of("200", "401", "403"), List.copyOf(stow.getResponses().getAPIResponses().keySet()));
        assertFalse(internal.getResponses().hasAPIResponse("401"), "/internal is not a DICOMweb path");
        assertNull(internal.getSecurity());

        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearerAuth");
        assertEquals(SecurityScheme.Type.HTTP, bearer.getType());
        assertEquals("bearer", bearer.getScheme());
        assertEquals("JWT", bearer.getBearerFormat());
    }

    @Test
    void declared401And403AndSecurityAreKept() {
        Operation declared = op();
        declared.getResponses()
                .addAPIResponse("401", OASFactory.createAPIResponse().description("own 401"))
                .addAPIResponse("403", OASFactory.createAPIResponse().description("own 403"));
        declared.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearerAuth"));
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/series", OASFactory.createPathItem().GET(declared)));

        DicomWebSecurityFilter filter = new DicomWebSecurityFilter();
        filter.filterOpenAPI(api);
        filter.filterOpenAPI(api); // idempotent: no second requirement

        assertEquals("own 401", declared.getResponses().getAPIResponse("401").getDescription());
        assertEquals("own 403", declared.getResponses().getAPIResponse("403").getDescription());
        assertEquals(1, declared.getSecurity().size());
    }

    @Test
    void onlyTheDicomWebRootsCount() {
        assertTrue(DicomWebSecurityFilter.isDicomWeb("/studies"));
        assertTrue(DicomWebSecurityFilter.isDicomWeb("/instances"));
        assertTrue(DicomWebSecurityFilter.isDicomWeb("/series"));
        assertTrue(DicomWebSecurityFilter.isDicomWeb("/studies/{study}/metadata"));
        assertFalse(DicomWebSecurityFilter.isDicomWeb("/studiesx"));
        assertFalse(DicomWebSecurityFilter.isDicomWeb("/internal/index-progress/wait"));
        assertFalse(DicomWebSecurityFilter.isDicomWeb("/q/health"));
    }
}
