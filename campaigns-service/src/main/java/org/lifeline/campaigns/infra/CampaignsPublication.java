package org.lifeline.campaigns.infra;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lifeline.contracts.Topics;
import org.lifeline.kernel.eventstore.Publication;

/** Every event of campaigns-service is published to {@code lifeline.campaigns.v1}. */
public class CampaignsPublication {

    @Produces
    @Singleton
    Publication publication() {
        return Publication.allTo(Topics.CAMPAIGNS);
    }
}
