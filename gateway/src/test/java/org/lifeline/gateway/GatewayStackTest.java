package org.lifeline.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
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
}
