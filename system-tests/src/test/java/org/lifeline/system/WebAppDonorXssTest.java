package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.system.DonorPages.LIVE_MS;
import static org.lifeline.system.DonorPages.expect;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Text that coordinators and donors write is shown as text, never run: a situation update, a need's item and site,
 * a campaign's title and description made of markup with script in event handlers show literally on the campaign
 * list, the campaign page (loaded and live), the map's tooltip and My gifts; no script from them runs, no element is
 * made from them, and nothing from them reaches the console or the network.
 */
@ExtendWith({RunningStack.class, Browsers.class})
class WebAppDonorXssTest {

    private static final String POST = "<img src=x onerror=window.__xss=1>";
    private static final String LIVE_POST = "<svg onload=window.__xss=4><script>window.__xss=5</script></svg>";
    private static final String ITEM = "<b>Tent</b><img src=y onerror=window.__xss=2>";
    private static final String SITE = "<iframe src=javascript:window.__xss=6></iframe>School";
    private static final String TITLE = "Flood <script>window.__xss=3</script> relief";
    private static final String DESCRIPTION = "<a href=javascript:window.__xss=7>Read more</a> & <i>help</i>";

    @Test
    void markup_in_posts_needs_and_campaigns_shows_as_literal_text_and_never_runs(RunningStack stack, Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Markup Relief Team");
        String campaignId = stage.campaign(TITLE, "FLOOD", "Ya'an, Sichuan", 30.0, 103.0, DESCRIPTION);
        String needId = stage.need(campaignId, new DonorStage.NeedSpec("SHL", ITEM, "piece", 20, "HIGH", SITE, 30.02, 103.01,
                "EXACT", Duration.ofDays(2)));
        stage.post(campaignId, POST, 30.0, 103.0);
        Api.Account donor = stage.donor("Tang Xin");
        stage.pledge(donor, needId, 2);
        stage.campaignFeedOnce(campaignId, feed -> feed.get("timeline").toString().contains("window.__xss=1"));
        stage.listingOnce(needId, listing -> listing.get("reserved").asInt() == 2);

        Visitor visitor = browsers.desktop("en-US");
        DonorPages.open(visitor, "#/");
        Page page = visitor.page();
        Locator campaignLink = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(TITLE).setExact(true));
        expect(campaignLink).isVisible();
        assertNothingRan(page);

        campaignLink.click();
        DonorPages.awaitCampaign(visitor);
        expect(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText(TITLE);
        expect(page.locator(".campaign-header .description")).hasText(DESCRIPTION);
        expect(page.locator("p.post-text")).hasText(POST);
        Locator card = DonorPages.needCard(page, needId);
        expect(card.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setLevel(3))).hasText(ITEM);
        expect(card).containsText(SITE);

        // The map's tooltip (Leaflet would take a string as HTML).
        Locator marker = page.locator(".map path.leaflet-interactive");
        expect(marker).hasCount(1);
        marker.hover();
        expect(page.locator(".leaflet-tooltip")).hasText(ITEM + " · " + SITE);

        // A post that arrives on the stream while the page is open.
        page.evaluate("() => { window.__sameDocument = true; }");
        stage.post(campaignId, LIVE_POST, 30.0, 103.0);
        expect(page.locator("p.post-text")).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(LIVE_MS));
        expect(page.locator("p.post-text").first()).hasText(LIVE_POST);
        assertThat(page.evaluate("() => window.__sameDocument")).as("the live post came without a reload").isEqualTo(true);
        assertNothingRan(page);

        // My gifts names the pledge by the need's item.
        DonorPages.signIn(visitor, donor);
        DonorPages.go(visitor, "#/gifts");
        expect(page.getByRole(AriaRole.ARTICLE).getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setLevel(3)))
                .hasText(ITEM);
        expect(page.locator("article.gift")).containsText(SITE);
        assertNothingRan(page);

        assertThat(visitor.consoleErrors()).as("console errors (a blocked script or a broken image would be one)").isEmpty();
        assertThat(DonorPages.failedRequests(visitor)).as("failed requests").isEmpty();
        assertThat(visitor.requests()).as("requests made for the markup's images and frames")
                .noneMatch(request -> request.matches("GET .*/(x|y)$") || request.startsWith("GET javascript:"));
    }

    /** No script from the text ran, and no element was made from it. */
    private static void assertNothingRan(Page page) {
        assertThat(page.evaluate("() => typeof window.__xss")).as("window.__xss (set only by injected script)")
                .isEqualTo("undefined");
        assertThat(page.locator("main img, main iframe, main script, main b, main i, main svg:not(.leaflet-zoom-animated)")
                .count()).as("elements made from the text in <main>").isZero();
        assertThat(page.locator("main a[href^='javascript:']").count()).as("javascript: links in <main>").isZero();
    }
}
