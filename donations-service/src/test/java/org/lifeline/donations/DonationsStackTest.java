package org.lifeline.donations;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.lifeline.support.stack.ServiceStackContract;
import org.lifeline.testing.LifelineTestResource;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class DonationsStackTest extends ServiceStackContract {

    @Override
    protected String serviceName() {
        return "donations-service";
    }

    @Override
    protected List<String> readinessChecks() {
        return ServiceStackContract.DATABASE_AND_KAFKA_CHECKS;
    }
}
