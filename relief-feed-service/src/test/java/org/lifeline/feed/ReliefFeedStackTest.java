package org.lifeline.feed;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.util.List;
import org.lifeline.support.stack.ServiceStackContract;
import org.lifeline.testing.LifelineTestResource;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class ReliefFeedStackTest extends ServiceStackContract {

    @Override
    protected String serviceName() {
        return "relief-feed-service";
    }

    @Override
    protected List<String> readinessChecks() {
        return ServiceStackContract.DATABASE_AND_KAFKA_CHECKS;
    }

    /** Reads the listing of needs (200 while the database answers). */
    @Override
    protected Response readFromTheDatabase(RestAssuredConfig config) {
        return given().config(config).when().get("/api/v1/feed/needs?item=water");
    }
}
