package org.lifeline.campaigns.domain.campaign;

import org.junit.jupiter.api.Test;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.CloseCampaign;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.OpenCampaign;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.PublishPost;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.ReviseCampaignDetails;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignClosed;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignDetailsRevised;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignOpened;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.PostPublished;
import org.lifeline.kernel.testing.DeciderSpec;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignsTest {

    private static final UUID CAMPAIGN = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    private static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final UUID POST = UUID.fromString("00000000-0000-0000-0000-00000000b001");
    private static final Instant OPENED = Instant.parse("2026-11-21T08:30:00Z");
    private static final Instant LATER = Instant.parse("2026-11-21T09:00:00Z");
    private static final Coordinates CHENGDU = new Coordinates(30.66, 104.06);
    private static final CampaignDetails DETAILS = new CampaignDetails("Sichuan earthquake", "Sichuan", CHENGDU,
            "Shelter and water for Wenchuan county", "EQ-2026-000123-CHN");

    private final DeciderSpec<CampaignCommand, Campaign, CampaignEvent> spec = DeciderSpec.of(new Campaigns());

    private static CampaignOpened opened() {
        return new CampaignOpened(CAMPAIGN, ORG, CampaignKind.EARTHQUAKE, DETAILS.title(), DETAILS.region(), CHENGDU,
                DETAILS.description(), DETAILS.glide(), OPENED);
    }

    private static CampaignClosed closed() {
        return new CampaignClosed(CAMPAIGN, LATER);
    }

    private static OpenCampaign open(CampaignDetails details) {
        return new OpenCampaign(CAMPAIGN, ORG, CampaignKind.EARTHQUAKE, details, OPENED);
    }

    private static PublishPost post(String text, Coordinates location, List<String> mediaUrls) {
        return new PublishPost(CAMPAIGN, POST, text, location, mediaUrls, LATER);
    }

    @Test
    void a_new_campaign_opens_active() {
        Campaign campaign = spec.givenNothing().when(open(DETAILS)).then(opened());
        assertThat(campaign.status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(campaign.organisationId()).isEqualTo(ORG);
        assertThat(campaign.openedAt()).isEqualTo(OPENED);
    }

    @Test
    void a_campaign_opens_without_description_or_glide() {
        CampaignDetails bare = new CampaignDetails("Floods", "Henan", CHENGDU, null, null);
        spec.givenNothing().when(new OpenCampaign(CAMPAIGN, ORG, CampaignKind.FLOOD, bare, OPENED))
                .then(new CampaignOpened(CAMPAIGN, ORG, CampaignKind.FLOOD, "Floods", "Henan", CHENGDU, null, null,
                        OPENED));
    }

    @Test
    void a_campaign_is_opened_only_once() {
        spec.given(opened()).when(open(DETAILS)).thenRejected("already opened");
    }

    @Test
    void a_malformed_glide_number_is_rejected() {
        spec.givenNothing().when(open(new CampaignDetails("t", "r", CHENGDU, null, "EQ-26-123-CHN")))
                .thenRejected("glide");
    }

    @Test
    void a_blank_title_is_rejected() {
        spec.givenNothing().when(open(new CampaignDetails(" ", "r", CHENGDU, null, null))).thenRejected("title");
    }

    @Test
    void coordinates_outside_wgs84_are_rejected() {
        spec.givenNothing().when(open(new CampaignDetails("t", "r", new Coordinates(91, 0), null, null)))
                .thenRejected("location");
    }

    @Test
    void an_active_campaign_takes_revised_details() {
        CampaignDetails revised = new CampaignDetails("Sichuan M6.8 earthquake", "Sichuan, Ganzi", CHENGDU, null,
                "EQ-2026-000123-CHN");
        Campaign campaign = spec.given(opened()).when(new ReviseCampaignDetails(CAMPAIGN, revised, LATER))
                .then(new CampaignDetailsRevised(CAMPAIGN, revised.title(), revised.region(), CHENGDU, null,
                        revised.glide(), LATER));
        assertThat(campaign.details()).isEqualTo(revised);
        assertThat(campaign.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void revising_to_the_same_details_changes_nothing() {
        spec.given(opened()).when(new ReviseCampaignDetails(CAMPAIGN, DETAILS, LATER)).thenNothing();
    }

    @Test
    void a_closed_campaign_takes_no_revision() {
        spec.given(opened(), closed()).when(new ReviseCampaignDetails(CAMPAIGN, DETAILS, LATER))
                .thenRejected("campaign is CLOSED");
    }

    @Test
    void an_unopened_campaign_takes_no_revision() {
        spec.givenNothing().when(new ReviseCampaignDetails(CAMPAIGN, DETAILS, LATER)).thenRejected("not opened");
    }

    @Test
    void an_active_campaign_publishes_a_post() {
        List<String> media = List.of("https://img.example.org/1.jpg");
        Campaign campaign = spec.given(opened()).when(post("Roads to Wenchuan reopened", CHENGDU, media))
                .then(new PostPublished(CAMPAIGN, POST, "Roads to Wenchuan reopened", CHENGDU, media, LATER));
        assertThat(campaign.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void a_post_needs_no_location_or_media() {
        spec.given(opened()).when(post("Update", null, null))
                .then(new PostPublished(CAMPAIGN, POST, "Update", null, List.of(), LATER));
    }

    @Test
    void a_closed_campaign_takes_no_post() {
        spec.given(opened(), closed()).when(post("Too late", null, List.of())).thenRejected("campaign is CLOSED");
    }

    @Test
    void a_post_to_an_unopened_campaign_is_rejected() {
        spec.givenNothing().when(post("Hello", null, List.of())).thenRejected("not opened");
    }

    @Test
    void post_text_has_1_to_5000_characters() {
        spec.given(opened()).when(post("", null, List.of())).thenRejected("1 to 5000");
        spec.given(opened()).when(post("x".repeat(5001), null, List.of())).thenRejected("1 to 5000");
        spec.given(opened()).when(post("x".repeat(5000), null, List.of()))
                .then(new PostPublished(CAMPAIGN, POST, "x".repeat(5000), null, List.of(), LATER));
    }

    @Test
    void media_links_must_be_https() {
        spec.given(opened()).when(post("Photos", null, List.of("http://img.example.org/1.jpg")))
                .thenRejected("not an https URL");
        spec.given(opened()).when(post("Photos", null, List.of("https://")))
                .thenRejected("not an https URL");
    }

    @Test
    void a_post_has_at_most_ten_media_links() {
        List<String> eleven = Collections.nCopies(11, "https://img.example.org/1.jpg");
        spec.given(opened()).when(post("Photos", null, eleven)).thenRejected("at most 10");
        List<String> ten = Collections.nCopies(10, "https://img.example.org/1.jpg");
        spec.given(opened()).when(post("Photos", null, ten))
                .then(new PostPublished(CAMPAIGN, POST, "Photos", null, ten, LATER));
    }

    @Test
    void a_post_location_outside_wgs84_is_rejected() {
        spec.given(opened()).when(post("Here", new Coordinates(0, 181), List.of())).thenRejected("location");
    }

    @Test
    void an_active_campaign_closes() {
        Campaign campaign = spec.given(opened()).when(new CloseCampaign(CAMPAIGN, LATER)).then(closed());
        assertThat(campaign.status()).isEqualTo(CampaignStatus.CLOSED);
        assertThat(campaign.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void closing_a_closed_campaign_changes_nothing() {
        spec.given(opened(), closed()).when(new CloseCampaign(CAMPAIGN, LATER)).thenNothing();
    }

    @Test
    void an_unopened_campaign_cannot_be_closed() {
        spec.givenNothing().when(new CloseCampaign(CAMPAIGN, LATER)).thenRejected("not opened");
    }

    @Test
    void rejections_carry_a_stable_code() {
        assertThat(spec.given(opened(), closed()).when(post("x", null, List.of())).thenRejected("CLOSED").code())
                .isEqualTo("campaign-closed");
    }
}
