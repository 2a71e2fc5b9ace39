package org.lifeline.donations.infra;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lifeline.contracts.Topics;
import org.lifeline.kernel.eventstore.Publication;

/** Every event of donations-service is published to {@code lifeline.donations.v1}. */
public class DonationsPublication {

    @Produces
    @Singleton
    Publication publication() {
        return Publication.allTo(Topics.DONATIONS);
    }
}
