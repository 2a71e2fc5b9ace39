package org.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.util.KeyUtils;

class LifelineTestResourceTest {

    @Test
    void configuresDatabaseKafkaAndJwt() throws Exception {
        LifelineTestResource resource = new LifelineTestResource();
        resource.init(Map.of("database", "resource_check"));
        Map<String, String> config = resource.start();

        TestPostgres postgres = TestInfra.postgres();
        assertThat(config)
                .containsEntry("quarkus.datasource.reactive.url", postgres.reactiveUrl("resource_check"))
                .containsEntry("quarkus.datasource.jdbc.url", postgres.jdbcUrl("resource_check"))
                .containsEntry("quarkus.datasource.username", postgres.username())
                .containsEntry("quarkus.datasource.password", postgres.password())
                .containsEntry("kafka.bootstrap.servers", TestInfra.kafkaBootstrap())
                .containsEntry("mp.jwt.verify.issuer", "lifeline")
                .containsEntry("smallrye.jwt.token.kid", TestTokens.KEY_ID);
        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))) {
            assertThat(connection.isValid(5)).isTrue();
        }
        PublicKey key = KeyUtils.decodePublicKey(config.get("mp.jwt.verify.publickey"));
        JsonWebToken jwt = new DefaultJWTParser(new JWTAuthContextInfo(key, config.get("mp.jwt.verify.issuer")))
                .parse(TestTokens.admin(UUID.randomUUID()));
        assertThat(jwt.getGroups()).containsExactly("admin");
        assertThat(KeyUtils.decodePrivateKey(config.get("smallrye.jwt.sign.key")).getAlgorithm()).isEqualTo("RSA");
        resource.stop();
    }

    @Test
    void leavesKafkaOutWhenAskedTo() {
        LifelineTestResource resource = new LifelineTestResource();
        resource.init(Map.of("database", "resource_check_no_kafka", "kafka", "false"));
        assertThat(resource.start()).doesNotContainKey("kafka.bootstrap.servers");
    }

    @Test
    void needsADatabase() {
        assertThatThrownBy(() -> new LifelineTestResource().init(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
