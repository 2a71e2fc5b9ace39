package org.lifeline.campaigns;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
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
}
