package org.lifeline.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the shared test PostgreSQL (a fresh database per start) and Kafka of {@link TestInfra},
 * and makes the service verify (and, if it signs, sign) JWTs with the TEST-ONLY key pair of {@link TestTokens}.
 * <p>
 * Init args: {@code database} (required, e.g. {@code campaigns}) and {@code kafka} (default {@code true}). Use it with
 * {@code @WithTestResource} (Quarkus 3.32; test classes declaring the same resources share one application start):
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = LifelineTestResource.class, initArgs = &#64;ResourceArg(name = "database", value = "campaigns"))
 * class CampaignResourceTest { ... }
 * </pre>
 * {@code @QuarkusTestResource} with the same arguments also works; it applies to every test of the module.
 * <p>
 * Config returned: {@code quarkus.datasource.reactive.url}, {@code quarkus.datasource.jdbc.url},
 * {@code quarkus.datasource.username}, {@code quarkus.datasource.password}, {@code kafka.bootstrap.servers} (when kafka),
 * {@code mp.jwt.verify.publickey} and {@code smallrye.jwt.sign.key} (the test key pair as PEM text),
 * {@code mp.jwt.verify.issuer} and {@code smallrye.jwt.token.kid} (the test key's id, {@link TestTokens#KEY_ID}).
 */
public final class LifelineTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;
    private boolean kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("LifelineTestResource needs the init arg 'database'");
        }
        kafka = Boolean.parseBoolean(initArgs.getOrDefault("kafka", "true"));
    }

    @Override
    public Map<String, String> start() {
        TestPostgres postgres = TestInfra.postgres();
        postgres.createDatabase(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", postgres.username());
        config.put("quarkus.datasource.password", postgres.password());
        if (kafka) {
            config.put("kafka.bootstrap.servers", TestInfra.kafkaBootstrap());
        }
        // Inline keys, not locations: an inline key wins over a configured location, and over the key pair that
        // smallrye-jwt generates in test mode when the build configures no key.
        config.put("mp.jwt.verify.publickey", TestTokens.publicKeyPem());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("smallrye.jwt.sign.key", TestTokens.privateKeyPem());
        // Tokens must name the test key: a missing or another kid is refused, as LIFELINE_JWT_KID makes it outside tests.
        config.put("smallrye.jwt.token.kid", TestTokens.KEY_ID);
        return config;
    }

    /** Nothing to do: the servers are shared by the whole test JVM and stopped when it exits. */
    @Override
    public void stop() {
    }
}
