package org.lifeline.testing;

/** The shared embedded Kafka broker of the test JVM: stop it and restart it on the same port, with the same data. */
public final class EmbeddedKafka {

    private final String bootstrapServers;

    EmbeddedKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker, keeping its data and port. */
    public void stop() {
        TestInfra.shared("stopKafka");
    }

    /** Starts the broker again after {@link #stop()}; returns once it accepts clients. */
    public void restart() {
        TestInfra.shared("restartKafka");
    }

    public boolean isRunning() {
        return (Boolean) TestInfra.shared("kafkaRunning");
    }
}
