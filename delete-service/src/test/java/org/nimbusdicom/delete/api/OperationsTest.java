package org.nimbusdicom.delete.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.nimbusdicom.delete.support.FakeQueryService;
import org.nimbusdicom.testsupport.NimbusTestInfrastructure;

/** Health, metrics and OpenAPI of the running service. */
@QuarkusTest
@QuarkusTestResource(NimbusTestInfrastructure.class)
@QuarkusTestResource(FakeQueryService.class)
class OperationsTest {

    @Test
    void readinessReflectsKafkaS3AndPostgres() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka", "S3", "Database connections health check"));
    }

    @Test
    void metricsExposeCleanupAndSweeper() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("nimbus_delete_cleanup_objects_deleted_total"))
                .body(containsString("nimbus_delete_cleanup_failures_total"))
                .body(containsString("nimbus_delete_cleanup_consumer_lag"))
                .body(containsString("nimbus_delete_sweeper_objects_swept_total"));
    }

    @Test
    void openApiDocumentsTheThreeOperations() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/studies/{study}'.delete.operationId", equalTo("deleteStudy"))
                .body("paths.'/studies/{study}/series/{series}'.delete.operationId", equalTo("deleteSeries"))
                .body("paths.'/studies/{study}/series/{series}/instances/{instance}'.delete.operationId",
                        equalTo("deleteInstance"))
                .body("paths.'/studies/{study}'.delete.responses.'204'", notNullValue())
                .body("paths.'/studies/{study}'.delete.responses.'400'", notNullValue())
                .body("paths.'/studies/{study}'.delete.responses.'404'", notNullValue())
                .body("paths.'/studies/{study}'.delete.responses.'503'", notNullValue())
                // served at runtime too (common's DicomWebSecurityFilter, mp.openapi.filter)
                .body("paths.'/studies/{study}'.delete.responses.'401'", notNullValue())
                .body("paths.'/studies/{study}'.delete.responses.'403'.description",
                        equalTo("OIDC on: the token lacks the role dicom.delete"))
                .body("paths.'/studies/{study}'.delete.security[0].bearerAuth", notNullValue())
                .body("components.securitySchemes.bearerAuth.scheme", equalTo("bearer"));
    }
}
