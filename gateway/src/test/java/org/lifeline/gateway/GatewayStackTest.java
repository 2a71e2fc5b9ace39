package org.lifeline.gateway;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.lifeline.support.stack.ServiceStackContract;
import org.lifeline.testing.LifelineTestResource;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gateway"),
        @ResourceArg(name = "kafka", value = "false")})
class GatewayStackTest extends ServiceStackContract {

    @Override
    protected String serviceName() {
        return "gateway";
    }

    @Override
    protected List<String> readinessChecks() {
        return ServiceStackContract.DATABASE_CHECKS;
    }

    /** Signs in with an unknown account (401 while the accounts can be read). */
    @Override
    protected Response readFromTheDatabase(RestAssuredConfig config) {
        return given().config(config).contentType(ContentType.JSON)
                .body("{\"email\": \"nobody@stack.test\", \"password\": \"not-a-password\"}")
                .when().post("/api/v1/auth/token");
    }
}
