package org.nimbusdicom.common.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

/** Error answers of DICOMweb operations get the shared ErrorResponse body and 503 its Retry-After. */
class DicomWebOpenApiFilterTest {

    private static Operation op(String... codes) {
        var responses = OASFactory.createAPIResponses();
        for (String code : codes) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description("answer " + code));
        }
        return OASFactory.createOperation().responses(responses);
    }

    private static String ref(APIResponse response) {
        return response.getContent().getMediaType("application/json").getSchema().getRef();
    }

    @Test
    void errorAnswersGetErrorResponseAnd503RetryAfter() {
        Operation stow = op("200", "400", "409", "413", "415", "503");
        Operation frames = op("200", "400", "404", "406", "416", "503");
        Operation internal = op("200", "400");
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/studies", OASFactory.createPathItem().POST(stow))
                .addPathItem("/studies/{study}/series/{series}/instances/{instance}/frames/{frames}",
                        OASFactory.createPathItem().GET(frames))
                .addPathItem("/internal/index-progress/wait", OASFactory.createPathItem().GET(internal)));

        new DicomWebOpenApiFilter().filterOpenAPI(api);

        for (String code : new String[] {"400", "413", "415", "503"}) {
            assertEquals(ErrorBodyFilter.ERROR_RESPONSE, ref(stow.getResponses().getAPIResponse(code)), code);
        }
        for (String code : new String[] {"400", "404", "406", "416", "503"}) {
            assertEquals(ErrorBodyFilter.ERROR_RESPONSE, ref(frames.getResponses().getAPIResponse(code)), code);
        }
        // STOW's 409 has a DICOM JSON body of its own; 401/403 come from the OIDC layer without one
        assertNull(stow.getResponses().getAPIResponse("409").getContent());
        assertNull(stow.getResponses().getAPIResponse("401").getContent());
        assertNull(stow.getResponses().getAPIResponse("403").getContent());
        assertNull(stow.getResponses().getAPIResponse("200").getContent());
        assertTrue(stow.getResponses().getAPIResponse("503").getHeaders().containsKey("Retry-After"));
        assertTrue(frames.getResponses().getAPIResponse("503").getHeaders().containsKey("Retry-After"));
        // not a DICOMweb path: untouched
        assertNull(internal.getResponses().getAPIResponse("400").getContent());
        assertNotNull(api.getComponents().getSchemas().get("ErrorResponse"));
        assertTrue(api.getComponents().getSchemas().get("ErrorResponse").getProperties().containsKey("failureReason"));
    }

    @Test
    void declaredBodiesAndHeadersAreKept() {
        Operation qido = op("200");
        qido.getResponses().addAPIResponse("400", OASFactory.createAPIResponse().description("bad")
                .content(OASFactory.createContent().addMediaType("application/problem+json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/Other")))));
        qido.getResponses().addAPIResponse("503", OASFactory.createAPIResponse().description("down")
                .addHeader("Retry-After", OASFactory.createHeader().description("declared")));
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/studies", OASFactory.createPathItem().GET(qido)));

        new DicomWebOpenApiFilter().filterOpenAPI(api);

        var badRequest = qido.getResponses().getAPIResponse("400").getContent();
        assertEquals(1, badRequest.getMediaTypes().size());
        assertEquals("#/components/schemas/Other", badRequest.getMediaType("application/problem+json").getSchema().getRef());
        assertEquals("declared", qido.getResponses().getAPIResponse("503").getHeaders().get("Retry-After").getDescription());
        // the 503 had no body: it gets the shared one
        assertEquals(ErrorBodyFilter.ERROR_RESPONSE, ref(qido.getResponses().getAPIResponse("503")));
    }
}
