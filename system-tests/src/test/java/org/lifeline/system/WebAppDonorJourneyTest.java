package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.system.DonorPages.LIVE_MS;
import static org.lifeline.system.DonorPages.expect;
import static org.lifeline.system.DonorPages.named;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A donor's journeys through the web app in headless Chromium against the whole stack, each checked on the page and
 * through the API: the campaign page follows the stream live, an over-pledge is refused next to its field, a
 * double-click pledges once, a matched gift shows the match and the pool left, and a pledge is followed to dispatch.
 * Each test has its own organisation, campaign and donors.
 */
@ExtendWith({RunningStack.class, Browsers.class})
class WebAppDonorJourneyTest {

    @Test
    void a_posted_need_and_another_donors_pledge_show_on_an_open_page_without_a_reload(RunningStack stack, Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Live Relief Team");
        String campaignId = stage.campaign("Ya'an flood: live page");
        stage.need(campaignId, "Rice, 10 kg bag", 30);
        Api.Account other = stage.donor("Wang Fang");

        Visitor watcher = browsers.desktop("en-US");
        DonorPages.openCampaign(watcher, campaignId);
        Page page = watcher.page();
        page.evaluate("() => { window.__sameDocument = 'never reloaded'; }");

        String needId = stage.need(campaignId, new DonorStage.NeedSpec("WSH", "Water purification tablets", "box", 40,
                "CRITICAL", "Lushan school shelter", 30.15, 102.93, "EXACT", Duration.ofDays(2)));

        Locator card = DonorPages.needCard(page, needId);
        expect(card.getByRole(AriaRole.ARTICLE, named("Water purification tablets"))).isVisible(DonorPages.visibleWithin(LIVE_MS));
        expect(card.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "0");
        expect(page.locator("#announcer")).hasText("New need: Water purification tablets");

        // Another donor, in a browser of their own, pledges 7 boxes through the page.
        Visitor pledger = browsers.phone("en-US");
        DonorPages.openCampaign(pledger, campaignId);
        DonorPages.signIn(pledger, other);
        DonorPages.awaitCampaign(pledger);
        Locator theirCard = DonorPages.needCard(pledger.page(), needId);
        theirCard.getByLabel("Quantity (box)").fill("7");
        theirCard.getByRole(AriaRole.BUTTON, named("Pledge")).click();
        expect(theirCard.locator(".confirmation")).containsText("Pledged 7 box of Water purification tablets. Thank you!");

        // The first page follows without a reload.
        Locator bar = card.getByRole(AriaRole.PROGRESSBAR);
        expect(bar).hasAttribute("aria-valuenow", "7", new LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));
        expect(bar).hasAccessibleName("7 of 40 box reserved");
        expect(bar).hasAttribute("aria-valuemax", "40");
        expect(card).containsText("33 box still needed");
        assertThat(page.evaluate("() => window.__sameDocument")).as("the page was not reloaded").isEqualTo("never reloaded");

        assertThat(stage.needOnce(needId, need -> need.get("reserved").asInt() == 7).get("outstanding").asInt())
                .as("outstanding of the need through the API").isEqualTo(33);
        assertThat(stage.myPledges(other, needId)).as("the other donor's pledges on the need").singleElement()
                .satisfies(pledge -> assertThat(pledge.get("reserved").asInt()).isEqualTo(7));
        assertThat(watcher.consoleErrors()).as("console errors of the watching page").isEmpty();
        assertThat(pledger.consoleErrors()).as("console errors of the pledging page").isEmpty();
    }

    @Test
    void an_over_pledge_shows_what_is_outstanding_next_to_the_quantity_and_reserves_nothing(RunningStack stack,
                                                                                            Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Over-pledge Relief Team");
        String campaignId = stage.campaign("Ya'an flood: nearly full need");
        String needId = stage.need(campaignId, "Folding bed", 10);
        Api.Account donor = stage.donor("Liu Yang");
        Api.Account earlier = stage.donor("Zhao Min");

        Visitor visitor = browsers.desktop("en-US");
        DonorPages.openCampaign(visitor, campaignId);
        DonorPages.signIn(visitor, donor);
        DonorPages.awaitCampaign(visitor);
        Page page = visitor.page();
        Locator card = DonorPages.needCard(page, needId);
        expect(card.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "0");

        // After the page loaded, someone else pledges 8 of the 10 through the API.
        stage.pledge(earlier, needId, 8);
        expect(card.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "8",
                new LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));

        Locator quantity = card.getByLabel("Quantity (piece)");
        quantity.fill("5");
        card.getByRole(AriaRole.BUTTON, named("Pledge")).click();

        String expected = "Only 2 piece are still needed: pledge at most that, or accept a partial pledge.";
        Locator error = card.locator(".field-error");
        expect(error).hasText(expected);
        expect(error).isVisible();
        expect(quantity).hasAttribute("aria-invalid", "true");
        expect(quantity).hasAccessibleDescription(expected);
        expect(card.locator(".confirmation")).isHidden();

        assertThat(stage.myPledges(donor, needId)).as("pledges of the refused donor on the need")
                .noneMatch(pledge -> pledge.get("reserved").asInt() > 0);
        assertThat(stage.needOnce(needId, need -> need.get("reserved").asInt() == 8).get("reserved").asInt())
                .as("reserved on the need after the refused pledge").isEqualTo(8);
        assertThat(visitor.consoleErrors().stream().filter(line -> !line.contains("409")).toList())
                .as("console errors other than the refused request").isEmpty();
    }

    @Test
    void a_double_click_two_quick_clicks_or_enter_twice_pledge_once(RunningStack stack, Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Double-click Relief Team");
        String campaignId = stage.campaign("Ya'an flood: impatient donors");
        String doubleClicked = stage.need(campaignId, "Thermos flask", 50);
        String clickedTwice = stage.need(campaignId, "Rain poncho", 50);
        String enteredTwice = stage.need(campaignId, "Head torch", 50);
        Api.Account donor = stage.donor("Sun Li");

        Visitor visitor = browsers.desktop("en-US");
        DonorPages.openCampaign(visitor, campaignId);
        DonorPages.signIn(visitor, donor);
        DonorPages.awaitCampaign(visitor);
        Page page = visitor.page();

        // A double-click at the browser's own speed.
        Locator first = DonorPages.needCard(page, doubleClicked);
        first.getByLabel("Quantity (piece)").fill("3");
        first.getByRole(AriaRole.BUTTON, named("Pledge")).dblclick();
        expect(first.locator(".confirmation")).containsText("Pledged 3 piece of Thermos flask.");

        // On a slow network: the first pledge is held back until the second click (or Enter) has happened.
        List<Route> held = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        page.route("**/api/v1/pledges", route -> {
            sent.add(route.request().headerValue("idempotency-key"));
            held.add(route);
        });

        Locator second = DonorPages.needCard(page, clickedTwice);
        second.getByLabel("Quantity (piece)").fill("4");
        Locator pledgeButton = second.getByRole(AriaRole.BUTTON, named("Pledge"));
        pledgeButton.scrollIntoViewIfNeeded();
        BoundingBox box = pledgeButton.boundingBox();
        page.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
        page.waitForCondition(() -> held.size() == 1);
        expect(pledgeButton).isDisabled();
        page.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
        release(held);
        expect(second.locator(".confirmation")).containsText("Pledged 4 piece of Rain poncho.");

        Locator third = DonorPages.needCard(page, enteredTwice);
        Locator quantity = third.getByLabel("Quantity (piece)");
        quantity.fill("5");
        quantity.press("Enter");
        page.waitForCondition(() -> held.size() == 1);
        quantity.press("Enter");
        page.keyboard().press("Enter");
        release(held);
        expect(third.locator(".confirmation")).containsText("Pledged 5 piece of Head torch.");
        visitor.settle();
        assertThat(sent).as("pledge requests the page sent for the two held submissions").hasSize(2);

        Map<String, Integer> pledged = Map.of(doubleClicked, 3, clickedTwice, 4, enteredTwice, 5);
        pledged.forEach((needId, quantityPledged) -> {
            assertThat(stage.myPledges(donor, needId)).as("the donor's pledges on need %s", needId).singleElement()
                    .satisfies(pledge -> assertThat(pledge.get("reserved").asInt()).isEqualTo(quantityPledged));
            assertThat(stage.needOnce(needId, need -> need.get("reserved").asInt() >= quantityPledged)
                    .get("reserved").asInt()).as("reserved on need %s", needId).isEqualTo(quantityPledged);
        });
        assertThat(visitor.consoleErrors()).as("console errors").isEmpty();
    }

    /** Lets the held requests go, in order, and forgets them. */
    private static void release(List<Route> held) {
        List<Route> going = List.copyOf(held);
        held.clear();
        going.forEach(Route::resume);
    }

    @Test
    void a_matched_gift_shows_the_match_and_the_pool_left_as_the_api_has_it(RunningStack stack, Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Matched Relief Team");
        String campaignId = stage.campaign("Ya'an flood: matched gifts");
        Api.Account donor = stage.donor("Chen Jie");

        Visitor visitor = browsers.desktop("en-US");
        DonorPages.openCampaign(visitor, campaignId);
        DonorPages.signIn(visitor, donor);
        DonorPages.awaitCampaign(visitor);
        Page page = visitor.page();
        Locator give = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Give money"));

        // The pool opens while the page is open: the stream announces it.
        String poolId = stage.matchPool(campaignId, "Ya'an Bakers' Guild", 1_000_000);
        Locator pools = give.locator(".pools");
        expect(pools).containsText("Ya'an Bakers' Guild matches gifts 1:1 — CN¥10,000.00 left of CN¥10,000.00.",
                new LocatorAssertions.ContainsTextOptions().setTimeout(LIVE_MS));

        give.getByLabel("Other amount (CNY)").fill("150");
        expect(give.locator(".preview")).hasText("With the match, Ya'an Bakers' Guild adds CN¥150.00.");
        give.getByRole(AriaRole.BUTTON, named("Give")).click();

        expect(give.locator(".confirmation")).hasText("Thank you: CN¥150.00 received, and Ya'an Bakers' Guild adds "
                + "CN¥150.00. CN¥9,850.00 is left in the pool.");
        expect(pools).containsText("CN¥9,850.00 left of CN¥10,000.00");
        expect(page.locator("#announcer")).containsText("Ya'an Bakers' Guild adds CN¥150.00");

        JsonNode pool = stage.matchPoolNow(poolId);
        assertThat(pool.get("remaining").get("amount").asLong()).as("remaining in the pool, API").isEqualTo(985_000);
        assertThat(pool.get("remaining").get("currency").asText()).isEqualTo("CNY");
        // The totals follow the donation: raised and matched.
        stage.campaignFeedOnce(campaignId, feed -> feed.get("totals").get("matched").get("amount").asLong() == 15_000);
        Locator totals = page.locator(".campaign-header dl.totals");
        expect(totals).containsText("CN¥150.00", new LocatorAssertions.ContainsTextOptions().setTimeout(LIVE_MS));
        expect(pools).containsText("CN¥9,850.00 left of CN¥10,000.00");

        // A fresh visit lists the pool from the API (no event on the stream since), and My gifts lists the donation
        // with its campaign and its match.
        page.reload();
        DonorPages.awaitCampaign(visitor);
        expect(pools).containsText("Ya'an Bakers' Guild matches gifts 1:1 — CN¥9,850.00 left of CN¥10,000.00.");
        DonorPages.go(visitor, "#/gifts");
        Locator gift = page.getByRole(AriaRole.ARTICLE, DonorPages.name("Donation of CN¥150.00 to Ya'an flood: matched gifts"));
        expect(gift).containsText("Matched with CN¥150.00.");
        assertThat(visitor.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void an_offer_shows_where_each_ranked_need_is_and_accepting_one_pledges_to_that_need(RunningStack stack,
                                                                                       Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Offer Relief Team");
        String campaignId = stage.campaign("Ya'an flood: offered lanterns");
        // An item no other test posts, so that the matcher's ranking holds these two needs only.
        String item = "Solar lantern " + java.util.UUID.randomUUID().toString().substring(0, 8);
        String farNeed = stage.need(campaignId, new DonorStage.NeedSpec("SHL", item, "piece", 40, "HIGH",
                "Lushan school shelter", 30.15, 102.93, "EXACT", null));
        String nearNeed = stage.need(campaignId, new DonorStage.NeedSpec("SHL", item, "piece", 25, "HIGH",
                "Baoxing middle school", 30.37, 102.81, "EXACT", null));
        Api.Account donor = stage.donor("Zhao Lei");

        Visitor visitor = browsers.phone("en-US");
        DonorPages.open(visitor, "#/offer");
        Page page = visitor.page();
        page.getByRole(AriaRole.MAIN).getByRole(AriaRole.LINK, named("Sign in to offer goods")).click();
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill(donor.email());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(donor.password());
        page.getByRole(AriaRole.MAIN).getByRole(AriaRole.BUTTON, named("Sign in")).click();
        Locator form = page.getByRole(AriaRole.MAIN);
        expect(form.getByRole(AriaRole.BUTTON, named("Find needs"))).isVisible(DonorPages.visibleWithin(LIVE_MS));
        form.getByLabel("Sector").selectOption("SHL");
        form.getByLabel("Item").fill(item);
        form.getByLabel("Unit").fill("piece");
        form.getByLabel("Quantity", new Locator.GetByLabelOptions().setExact(true)).fill("10");
        form.getByLabel("Latitude").fill("30.36");
        form.getByLabel("Longitude").fill("102.80");
        form.getByRole(AriaRole.BUTTON, named("Find needs")).click();

        // The matcher hears of new needs through the stream: ask again until both are ranked (bounded).
        Locator proposals = page.locator(".matches ol > li > article");
        Instant deadline = Instant.now().plusMillis((long) LIVE_MS);
        expect(page.getByRole(AriaRole.BUTTON, DonorPages.name("Refresh matches"))).isVisible(DonorPages.visibleWithin(LIVE_MS));
        while (proposals.count() < 2 && Instant.now().isBefore(deadline)) {
            page.getByRole(AriaRole.BUTTON, DonorPages.name("Refresh matches")).click();
            expect(page.getByRole(AriaRole.BUTTON, DonorPages.name("Refresh matches"))).isVisible(DonorPages.visibleWithin(LIVE_MS));
        }
        assertThat(proposals.count()).as("ranked needs for the offer").isEqualTo(2);
        // Two needs for the same item differ by their site and campaign, in their accessible names too; the
        // nearer one ranks first.
        expect(proposals.nth(0)).hasAccessibleName(item + " Baoxing middle school · Ya'an flood: offered lanterns");
        expect(proposals.nth(1)).hasAccessibleName(item + " Lushan school shelter · Ya'an flood: offered lanterns");
        visitor.screenshot("offer-proposals");
        visitor.screenshot("offer-proposals-full", true);

        Locator near = proposals.nth(0);
        near.getByLabel("Quantity to pledge (piece)").fill("6");
        near.getByRole(AriaRole.BUTTON, named("Pledge to this need")).click();
        expect(page).hasURL(Pattern.compile("#/gifts$"));
        expect(page.getByRole(AriaRole.ARTICLE, DonorPages.name(item))).containsText("Baoxing middle school");

        List<JsonNode> pledged = stage.myPledges(donor, nearNeed);
        assertThat(pledged).as("pledges on the chosen need").hasSize(1);
        assertThat(pledged.get(0).get("reserved").asInt()).as("reserved").isEqualTo(6);
        assertThat(stage.myPledges(donor, farNeed)).as("pledges on the other need").isEmpty();
        assertThat(visitor.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void a_pledge_is_confirmed_and_dispatched_on_my_gifts_and_its_trail_shows_each_step(RunningStack stack,
                                                                                    Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Follow-my-gift Relief Team");
        String campaignId = stage.campaign("Ya'an flood: gifts on their way");
        String needId = stage.need(campaignId, new DonorStage.NeedSpec("SHL", "Family tent (4 persons)", "piece", 60,
                "CRITICAL", "Baoxing middle school", 30.37, 102.81, "APPROXIMATE", Duration.ofDays(3)));
        Api.Account donor = stage.donor("Huang Wei");
        String pledgeId = stage.pledge(donor, needId, 12).get("id").asText();

        Visitor visitor = browsers.phone("en-US");
        DonorPages.open(visitor, "#/gifts");
        DonorPages.signIn(visitor, donor);
        Page page = visitor.page();
        expect(page).hasURL(Pattern.compile("#/gifts$"));
        Locator gift = page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Family tent (4 persons)"));
        Locator steps = gift.getByRole(AriaRole.LIST, named("Progress of this gift"));
        expect(steps.locator("[aria-current=step]")).hasText("Pledged");

        // Confirm: how and when it will arrive.
        gift.getByLabel("Delivery method").selectOption("SHIPMENT");
        String eta = (String) page.evaluate("""
                () => { const d = new Date(Date.now() + 3 * 24 * 3600 * 1000); d.setHours(14, 30, 0, 0);
                        const p = n => String(n).padStart(2, '0');
                        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T14:30`; }""");
        gift.getByLabel("Expected arrival").fill(eta);
        String etaInstant = (String) page.evaluate("value => new Date(value).toISOString()", eta);
        gift.getByRole(AriaRole.BUTTON, named("Confirm delivery")).click();
        expect(steps.locator("[aria-current=step]")).hasText("Confirmed");
        expect(page.locator("#announcer")).hasText("Delivery confirmed.");

        // Dispatch: who carries it, with which reference.
        gift.getByLabel("Carrier").fill("SF Express");
        gift.getByLabel("Tracking reference").fill("SF1402387765012");
        gift.getByRole(AriaRole.BUTTON, named("Mark as dispatched")).click();
        expect(steps.locator("[aria-current=step]")).hasText("Dispatched");
        expect(gift).containsText("SF Express");
        expect(gift).containsText("SF1402387765012");
        expect(gift.getByRole(AriaRole.BUTTON, named("Confirm delivery"))).hasCount(0);
        expect(gift.getByRole(AriaRole.BUTTON, named("Mark as dispatched"))).hasCount(0);

        JsonNode pledge = stage.pledgeNow(donor, pledgeId);
        assertThat(pledge.get("status").asText()).as("status through the API").isEqualTo("IN_TRANSIT");
        assertThat(pledge.get("method").asText()).isEqualTo("SHIPMENT");
        assertThat(Instant.parse(pledge.get("eta").asText())).isEqualTo(Instant.parse(etaInstant));
        assertThat(pledge.get("carrier").asText()).isEqualTo("SF Express");
        assertThat(pledge.get("trackingRef").asText()).isEqualTo("SF1402387765012");

        // The trail: once the feed has all three steps, the page shows them in order.
        JsonNode trail = stage.trail(donor, pledgeId, found -> found.get("events").size() >= 3);
        List<String> types = new ArrayList<>();
        trail.get("events").forEach(event -> types.add(event.get("type").asText().replaceFirst("^.*\\.", "")));
        assertThat(types).as("the trail through the API").containsExactly("PledgeReserved", "PledgeConfirmed",
                "PledgeDispatched");
        Locator showTrail = gift.getByRole(AriaRole.BUTTON, named("Show trail"));
        showTrail.click();
        expect(gift.getByRole(AriaRole.BUTTON, named("Hide trail"))).hasAttribute("aria-expanded", "true");
        Locator trailItems = gift.locator("ol.trail > li");
        expect(trailItems).hasCount(3);
        expect(trailItems.nth(0)).containsText("Pledged");
        expect(trailItems.nth(1)).containsText("Confirmed");
        expect(trailItems.nth(2)).containsText("Dispatched");
        visitor.screenshot("gift-dispatched", true);
        assertThat(visitor.consoleErrors()).as("console errors").isEmpty();
    }
}
