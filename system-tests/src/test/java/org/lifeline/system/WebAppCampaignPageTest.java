package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.system.DonorPages.LIVE_MS;
import static org.lifeline.system.DonorPages.expect;
import static org.lifeline.system.DonorPages.named;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The campaign page's own tools in headless Chromium against the whole stack: the filters (sector, urgency, "near me"
 * with a typed coordinate and radius, a refused coordinate) show the needs asked for; the map draws every site on a
 * plain background when no tile server is configured, an approximate site as such; and a newcomer signs up through the
 * form, pledges what still fits with "partial", and cancels the pledge from My gifts, the quantity going back to the
 * need.
 */
@ExtendWith({RunningStack.class, Browsers.class})
class WebAppCampaignPageTest {

    @Test
    void the_filters_and_the_map_show_the_needs_asked_for_and_an_approximate_site_as_such(RunningStack stack,
                                                                                         Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Filtering Relief Team");
        String campaignId = stage.campaign("Ya'an flood: three sites");
        String tents = stage.need(campaignId, new DonorStage.NeedSpec("SHL", "Family tent (4 persons)", "piece", 40,
                "CRITICAL", "Baoxing middle school", 30.37, 102.81, "EXACT", Duration.ofDays(3)));
        String tablets = stage.need(campaignId, new DonorStage.NeedSpec("WSH", "Water purification tablets", "box", 60,
                "HIGH", "Lushan clinic", 30.15, 102.93, "APPROXIMATE", null));
        String rice = stage.need(campaignId, new DonorStage.NeedSpec("FSC", "Rice, 10 kg bag", "bag", 80, "MEDIUM",
                "Chengdu relief warehouse", 30.66, 104.06, "EXACT", null));
        for (String needId : List.of(tents, tablets, rice)) {
            stage.listingOnce(needId, listing -> true);
        }

        Visitor visitor = browsers.desktop("en-US");
        DonorPages.openCampaign(visitor, campaignId);
        Page page = visitor.page();
        Locator needs = page.locator("ul.needs > li");
        expect(needs).hasCount(3);
        expect(DonorPages.needCard(page, tablets)).containsText("Lushan clinic (approximate location)");

        // The map: no tile server is configured for the test stack, so the sites stand on a plain background.
        Locator map = page.getByRole(AriaRole.REGION, DonorPages.name("Map of the sites"));
        expect(map).hasClass(java.util.regex.Pattern.compile("\\bno-tiles\\b"));
        expect(map.locator("path.leaflet-interactive")).hasCount(3);
        expect(map.locator("img.leaflet-tile")).hasCount(0);

        Locator filters = page.getByRole(AriaRole.FORM, DonorPages.name("Filter needs"));
        page.locator("details.filter-box > summary").click();
        Locator apply = filters.getByRole(AriaRole.BUTTON, named("Apply filters"));
        Locator clear = filters.getByRole(AriaRole.BUTTON, named("Clear filters"));

        filters.getByLabel("Sector").selectOption("WSH");
        apply.click();
        expect(needs).hasCount(1);
        expect(DonorPages.needCard(page, tablets)).isVisible();
        expect(map.locator("path.leaflet-interactive")).hasCount(1);

        clear.click();
        expect(needs).hasCount(3);
        filters.getByLabel("Urgency").selectOption("CRITICAL");
        apply.click();
        expect(needs).hasCount(1);
        expect(DonorPages.needCard(page, tents)).isVisible();

        // Near a typed coordinate: Chengdu, 20 km; the two mountain sites are about 100 km away.
        clear.click();
        expect(needs).hasCount(3);
        filters.getByLabel("Latitude").fill("30.66");
        filters.getByLabel("Longitude").fill("104.06");
        filters.getByLabel("Radius (km)").fill("20");
        apply.click();
        expect(needs).hasCount(1);
        expect(DonorPages.needCard(page, rice)).isVisible();

        // A coordinate out of range is refused in the page's words, and the list is left as it was.
        filters.getByLabel("Latitude").fill("95");
        apply.click();
        expect(filters.getByRole(AriaRole.ALERT)).hasText("Give both latitude (−90 to 90) and longitude (−180 to 180).");
        expect(needs).hasCount(1);

        visitor.screenshot("campaign-filtered-near");
        assertThat(visitor.requestsToOtherOrigins()).as("requests to other origins (map tiles)").isEmpty();
        assertThat(visitor.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void a_newcomer_signs_up_pledges_what_still_fits_and_cancels_it_on_my_gifts(RunningStack stack, Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Newcomer Relief Team");
        String campaignId = stage.campaign("Ya'an flood: blankets");
        String needId = stage.need(campaignId, new DonorStage.NeedSpec("SHL", "Winter blanket", "piece", 10, "HIGH",
                "Lingguan town square", 30.26, 102.92, "EXACT", null));
        stage.pledge(stage.donor("Early Bird"), needId, 7);
        stage.listingOnce(needId, listing -> listing.get("reserved").asInt() == 7);

        Visitor visitor = browsers.phone("en-US");
        DonorPages.openCampaign(visitor, campaignId);
        Page page = visitor.page();
        String email = "newcomer-" + UUID.randomUUID() + "@example.org";
        String password = "a long enough password";
        page.getByRole(AriaRole.NAVIGATION, DonorPages.name("Main")).getByRole(AriaRole.LINK, named("Sign up")).click();
        Locator form = page.getByRole(AriaRole.MAIN);
        form.getByLabel("Display name").fill("Newcomer Liu");
        form.getByLabel("Email").fill(email);
        form.getByLabel("Password").fill(password);
        form.getByRole(AriaRole.BUTTON, named("Create account")).click();
        expect(page.getByRole(AriaRole.NAVIGATION, DonorPages.name("Main"))).containsText("Signed in as Newcomer Liu");
        // Back on the campaign the newcomer came from.
        DonorPages.awaitCampaign(visitor);

        Locator card = DonorPages.needCard(page, needId);
        card.getByLabel("Quantity (piece)").fill("5");
        card.getByLabel("If less is still needed, pledge what fits").check();
        card.getByRole(AriaRole.BUTTON, named("Pledge")).click();
        expect(card.locator(".confirmation")).containsText(
                "Pledged 3 of the 5 piece of Winter blanket: that is what was still needed.");
        expect(card.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "10",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));

        Api.Account newcomer = new Api.Account(email, password, stage.api().token(email, password));
        List<JsonNode> pledges = stage.myPledges(newcomer, needId);
        assertThat(pledges).as("the newcomer's pledges").hasSize(1);
        assertThat(pledges.get(0).get("reserved").asInt()).isEqualTo(3);
        assertThat(pledges.get(0).get("policy").asText()).isEqualTo("PARTIAL");

        // Cancelled from My gifts, after a confirmation: the three go back to the need.
        page.getByRole(AriaRole.NAVIGATION, DonorPages.name("Main")).getByRole(AriaRole.LINK, named("My gifts")).click();
        Locator gift = page.getByRole(AriaRole.ARTICLE, DonorPages.name("Winter blanket"));
        expect(gift).containsText("Pledged");
        page.onceDialog(dialog -> dialog.accept());
        gift.getByRole(AriaRole.BUTTON, named("Cancel pledge")).click();
        expect(gift.locator(".meta .badge")).hasText("Cancelled");
        expect(gift.getByRole(AriaRole.BUTTON, named("Cancel pledge"))).hasCount(0);
        assertThat(stage.pledgeNow(newcomer, pledges.get(0).get("id").asText()).get("status").asText())
                .isEqualTo("CANCELLED");
        stage.needOnce(needId, need -> need.get("reserved").asInt() == 7);
        visitor.screenshot("gift-cancelled");
        assertThat(visitor.consoleErrors()).as("console errors").isEmpty();
    }
}
