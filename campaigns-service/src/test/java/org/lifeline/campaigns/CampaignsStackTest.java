package org.lifeline.campaigns;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.lifeline.support.stack.ServiceStackContract;
import org.lifeline.testing.LifelineTestResource;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class CampaignsStackTest extends ServiceStackContract {

    @Override
    protected String serviceName() {
        return "campaigns-service";
    }

    @Override
    protected List<String> readinessChecks() {
        return ServiceStackContract.DATABASE_AND_KAFKA_CHECKS;
    }

    /** Reads an unknown campaign (404 while the database answers). */
    @Override
    protected Response readFromTheDatabase(RestAssuredConfig config) {
        return given().config(config).when().get("/api/v1/campaigns/" + UUID.randomUUID());
    }
}
