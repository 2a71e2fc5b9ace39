package org.lifeline.campaigns.domain.campaign;

import org.lifeline.campaigns.domain.campaign.CampaignCommand.CloseCampaign;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.OpenCampaign;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.PublishPost;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.ReviseCampaignDetails;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignClosed;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignDetailsRevised;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignOpened;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.PostPublished;
import org.lifeline.kernel.Decider;
import org.lifeline.kernel.Rejected;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The campaign decider: only an ACTIVE campaign takes revisions and posts; closing a closed
 * campaign changes nothing. It also guards the values it records (the API checks them first).
 */
public final class Campaigns implements Decider<CampaignCommand, Campaign, CampaignEvent> {

    public static final String STREAM_TYPE = "campaign";
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 5000;
    public static final int MAX_MEDIA_URLS = 10;
    public static final Pattern GLIDE = Pattern.compile("^[A-Z]{2}-\\d{4}-\\d{6}-[A-Z]{3}$");

    @Override
    public Campaign initialState() {
        return Campaign.NONE;
    }

    @Override
    public List<CampaignEvent> decide(CampaignCommand command, Campaign campaign) {
        return switch (command) {
            case OpenCampaign c when campaign.exists() ->
                    throw new Rejected("campaign-already-opened", "campaign " + c.campaignId() + " is already opened");
            case OpenCampaign c -> {
                Objects.requireNonNull(c.organisationId(), "organisationId");
                Objects.requireNonNull(c.kind(), "kind");
                check(c.details());
                CampaignDetails d = c.details();
                yield List.of(new CampaignOpened(c.campaignId(), c.organisationId(), c.kind(), d.title(), d.region(),
                        d.location(), d.description(), d.glide(), c.at()));
            }
            case ReviseCampaignDetails c -> {
                requireActive(campaign);
                check(c.details());
                CampaignDetails d = c.details();
                yield d.equals(campaign.details()) ? List.of() : List.of(new CampaignDetailsRevised(campaign.id(),
                        d.title(), d.region(), d.location(), d.description(), d.glide(), c.at()));
            }
            case PublishPost c -> {
                requireActive(campaign);
                checkPost(c);
                yield List.of(new PostPublished(campaign.id(), c.postId(), c.text(), c.location(),
                        c.mediaUrls() == null ? List.of() : c.mediaUrls(), c.at()));
            }
            case CloseCampaign c -> {
                requireExists(campaign);
                yield campaign.isActive() ? List.of(new CampaignClosed(campaign.id(), c.at())) : List.of();
            }
        };
    }

    @Override
    public Campaign evolve(Campaign campaign, CampaignEvent event) {
        return switch (event) {
            case CampaignOpened e -> new Campaign(e.campaignId(), e.organisationId(), e.kind(),
                    new CampaignDetails(e.title(), e.region(), e.location(), e.description(), e.glide()),
                    CampaignStatus.ACTIVE, e.at(), e.at());
            case CampaignDetailsRevised e -> new Campaign(campaign.id(), campaign.organisationId(), campaign.kind(),
                    new CampaignDetails(e.title(), e.region(), e.location(), e.description(), e.glide()),
                    campaign.status(), campaign.openedAt(), e.at());
            case PostPublished e -> new Campaign(campaign.id(), campaign.organisationId(), campaign.kind(),
                    campaign.details(), campaign.status(), campaign.openedAt(), e.at());
            case CampaignClosed e -> new Campaign(campaign.id(), campaign.organisationId(), campaign.kind(),
                    campaign.details(), CampaignStatus.CLOSED, campaign.openedAt(), e.at());
        };
    }

    private static void requireExists(Campaign campaign) {
        if (!campaign.exists()) {
            throw new Rejected("campaign-not-opened", "campaign is not opened");
        }
    }

    private static void requireActive(Campaign campaign) {
        requireExists(campaign);
        if (!campaign.isActive()) {
            throw new Rejected("campaign-closed", "campaign is " + campaign.status());
        }
    }

    private static void check(CampaignDetails details) {
        if (details == null) {
            throw invalid("campaign details are missing");
        }
        checkName("title", details.title());
        checkName("region", details.region());
        if (details.location() == null || !details.location().inWgs84Range()) {
            throw invalid("location must be WGS84 coordinates");
        }
        if (details.description() != null && (details.description().isBlank()
                || details.description().length() > MAX_TEXT_LENGTH)) {
            throw invalid("description must have 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        if (details.glide() != null && !GLIDE.matcher(details.glide()).matches()) {
            throw invalid("glide must be a GLIDE number such as EQ-2026-000123-CHN");
        }
    }

    private static void checkName(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw invalid(field + " must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void checkPost(PublishPost post) {
        if (post.text() == null || post.text().isBlank() || post.text().length() > MAX_TEXT_LENGTH) {
            throw invalid("post text must have 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        if (post.location() != null && !post.location().inWgs84Range()) {
            throw invalid("location must be WGS84 coordinates");
        }
        List<String> urls = post.mediaUrls() == null ? List.of() : post.mediaUrls();
        if (urls.size() > MAX_MEDIA_URLS) {
            throw invalid("a post has at most " + MAX_MEDIA_URLS + " media links");
        }
        for (String url : urls) {
            if (!isHttps(url)) {
                throw invalid("media link " + url + " is not an https URL");
            }
        }
    }

    private static boolean isHttps(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Rejected invalid(String message) {
        return new Rejected("invalid-campaign-value", message);
    }
}
