package org.nimbusdicom.retrieve.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicBaseUrlTest {

    @Test
    void configuredBaseWinsWithoutTrailingSlash() {
        // the request is not consulted when a base is configured
        assertEquals("https://pacs.example.org/dicomweb", new PublicBaseUrl(Optional.of(" https://pacs.example.org/dicomweb/ ")).of(null));
    }
}
