package org.nimbusdicom.retrieve.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/** Readiness reflects S3 and PostgreSQL; the OpenAPI document names every WADO-RS operation. */
@QuarkusTest
@QuarkusTestResource(value = NimbusTestInfrastructure.class, initArgs = @ResourceArg(name = "servers", value = "postgres,s3"))
class ServiceEndpointsComponentTest {

    @Test
    void readinessChecksS3AndTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("S3 bucket")).body(containsString("Database connections health check"));
    }

    @Test
    void openApiListsTheOperations() {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String operationId : new String[] {"retrieveStudy", "retrieveSeries", "retrieveInstance", "retrieveStudyMetadata",
                "retrieveSeriesMetadata", "retrieveInstanceMetadata", "retrieveFrames", "retrieveBulkData"}) {
            if (!document.contains("\"operationId\" : \"" + operationId + "\"") && !document.contains("\"operationId\":\"" + operationId + "\"")) {
                throw new AssertionError("missing operationId " + operationId);
            }
        }
    }
}
