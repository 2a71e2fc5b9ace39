package org.lifeline.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * One PostgreSQL and one Kafka per test JVM, started on first use, shared, and stopped by a JVM shutdown hook.
 * <p>
 * Each server is, in this order: an external one ({@code -Dpg.url=jdbc:postgresql://host:port/} with {@code -Dpg.user}
 * and {@code -Dpg.password}, default postgres/postgres; {@code -Dkafka.bootstrap=host:port}), a Testcontainers container
 * when a Docker engine answers ({@code postgres:17}, {@code apache/kafka:4.1.1}), or else the embedded server of
 * lifeline-local-infra with its data under {@code target/test-infra/} (deleted at exit).
 * <p>
 * {@code @QuarkusTest} loads this class again in each application class loader; the servers are nevertheless shared by
 * the whole JVM, because they are held by the system class loader's copy of this library.
 */
public final class TestInfra {

    private TestInfra() {
    }

    /** The shared PostgreSQL server, started on first use. */
    public static TestPostgres postgres() {
        String[] server = (String[]) shared("postgres");
        return new TestPostgres(server[0], Integer.parseInt(server[1]), server[2], server[3]);
    }

    /** The shared PostgreSQL when it is the embedded server (so a test can stop and restart it), starting it if needed. */
    public static Optional<EmbeddedPostgres> embeddedPostgres() {
        return (Boolean) shared("postgresEmbedded") ? Optional.of(new EmbeddedPostgres()) : Optional.empty();
    }

    /** Bootstrap servers of the shared Kafka, started on first use. */
    public static String kafkaBootstrap() {
        return (String) shared("kafkaBootstrap");
    }

    /** The shared Kafka when it is the embedded broker (so a test can stop and restart it), starting it if needed. */
    public static Optional<EmbeddedKafka> embeddedKafka() {
        return (Boolean) shared("kafkaEmbedded") ? Optional.of(new EmbeddedKafka(kafkaBootstrap())) : Optional.empty();
    }

    /**
     * Calls a static method of the JVM-wide {@link SharedServers}: the system class loader's copy when it has one, with
     * that class loader as context class loader (Testcontainers and others look up services through it).
     */
    static Object shared(String method) {
        Class<?> servers = sharedServers();
        Thread thread = Thread.currentThread();
        ClassLoader callerContext = thread.getContextClassLoader();
        thread.setContextClassLoader(servers.getClassLoader());
        try {
            Method target = servers.getDeclaredMethod(method);
            target.setAccessible(true);
            return target.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(callerContext);
        }
    }

    private static Class<?> sharedServers() {
        try {
            return Class.forName(SharedServers.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            return SharedServers.class;
        }
    }
}
