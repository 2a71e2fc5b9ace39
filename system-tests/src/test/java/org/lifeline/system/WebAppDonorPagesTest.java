package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.system.DonorPages.LIVE_MS;
import static org.lifeline.system.DonorPages.expect;
import static org.lifeline.system.DonorPages.named;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.system.Browsers.Device;
import org.lifeline.system.DonorStage.NeedSpec;

/**
 * The donor pages with realistic data (a campaign with needs across sectors, situation updates, a match pool, pledges
 * at every stage): axe finds no serious or critical accessibility violation on any of them, on a phone and on a
 * desktop, each page is kept as a screenshot in {@code target/screenshots}, and a pledge can be made with the keyboard
 * alone.
 */
@ExtendWith({RunningStack.class, Browsers.class})
class WebAppDonorPagesTest {

    private static final String CAMPAIGN = "Baoxing earthquake response";
    private static final String POOL_SPONSOR = "Ya'an Community Foundation";

    @Test
    void the_donor_pages_have_no_serious_accessibility_violation_on_a_phone_or_a_desktop(RunningStack stack,
                                                                                       Browsers browsers) {
        World world = World.make(stack);
        for (Device device : Device.values()) {
            Api.Account donor = device == Device.PHONE ? world.phoneDonor : world.desktopDonor;
            Visitor visitor = browsers.open(device, "en-US");
            Page page = visitor.page();

            DonorPages.open(visitor, "#/");
            expect(page.getByRole(AriaRole.ARTICLE, DonorPages.name(CAMPAIGN))).isVisible();
            expect(page.locator("main ul.cards").first()).not().hasAttribute("aria-busy", "true");
            check(visitor, "campaigns");

            DonorPages.go(visitor, "#/signup");
            expect(page.getByRole(AriaRole.BUTTON, DonorPages.name("Create account"))).isVisible();
            check(visitor, "signup");

            DonorPages.go(visitor, "#/signin");
            expect(page.getByRole(AriaRole.MAIN).getByRole(AriaRole.BUTTON, named("Sign in"))).isVisible();
            check(visitor, "signin");
            DonorPages.signIn(visitor, donor);

            // The campaign: needs, map, posts, and a gift matched by the pool.
            page.getByRole(AriaRole.LINK, DonorPages.name(CAMPAIGN)).click();
            DonorPages.awaitCampaign(visitor);
            expect(page.locator("ul.needs > li")).hasCount(world.openNeeds);
            expect(page.locator("p.post-text")).hasCount(3);
            Locator give = page.getByRole(AriaRole.REGION, DonorPages.name("Give money"));
            // The radios are drawn as their labels: a person clicks the label.
            give.locator("label", new Locator.LocatorOptions().setHasText("CN¥200.00")).click();
            expect(give.getByRole(AriaRole.RADIO, named("CN¥200.00"))).isChecked();
            expect(give.getByLabel("Other amount (CNY)")).hasValue("200");
            give.getByRole(AriaRole.BUTTON, named("Give")).click();
            expect(give.locator(".confirmation")).containsText("and " + POOL_SPONSOR + " adds CN¥200.00.");
            expect(give.locator(".pools")).containsText(POOL_SPONSOR + " matches gifts 1:1");
            check(visitor, "campaign");
            visitor.screenshot("campaign-full", true);

            // My gifts: pledges at every stage, the donation just made, one trail open.
            page.getByRole(AriaRole.NAVIGATION, DonorPages.name("Main")).getByRole(AriaRole.LINK, named("My gifts")).click();
            Locator gifts = page.locator("section.gifts article.gift");
            expect(gifts).hasCount(6, new LocatorAssertions.HasCountOptions().setTimeout(LIVE_MS)); // 5 pledges, 1 donation
            for (String status : List.of("Pledged", "Confirmed", "Dispatched", "Received", "Cancelled")) {
                expect(page.locator("section.gifts .meta .badge", new Page.LocatorOptions().setHasText(status)).first())
                        .isVisible();
            }
            Locator inTransit = page.getByRole(AriaRole.ARTICLE, DonorPages.name("Bottled drinking water"));
            inTransit.getByRole(AriaRole.BUTTON, named("Show trail")).click();
            expect(inTransit.locator("ol.trail > li")).hasCount(3);
            check(visitor, "gifts");
            visitor.screenshot("gifts-full", true);

            // Offer goods, with the needs it fits.
            page.getByRole(AriaRole.NAVIGATION, DonorPages.name("Main")).getByRole(AriaRole.LINK, named("Offer goods")).click();
            Locator form = page.getByRole(AriaRole.MAIN);
            form.getByLabel("Sector").selectOption("WSH");
            form.getByLabel("Item").fill("Family hygiene kit");
            form.getByLabel("Unit").fill("kit");
            form.getByLabel("Quantity", new Locator.GetByLabelOptions().setExact(true)).fill("150");
            form.getByLabel("Latitude").fill("30.66");
            form.getByLabel("Longitude").fill("104.06");
            form.getByLabel("Furthest distance (km)").fill("400");
            form.getByRole(AriaRole.BUTTON, named("Find needs")).click();
            Locator proposals = page.locator(".matches article");
            expect(proposals.first()).isVisible(DonorPages.visibleWithin(LIVE_MS));
            assertThat(proposals.count()).as("proposals for the offer").isGreaterThanOrEqualTo(2);
            expect(proposals.first().getByRole(AriaRole.BUTTON, named("Pledge to this need"))).isVisible();
            check(visitor, "offer");
            visitor.screenshot("offer-full", true);

            assertThat(visitor.consoleErrors()).as("console errors on %s", device.label()).isEmpty();
            assertThat(DonorPages.failedRequests(visitor)).as("failed requests on %s", device.label()).isEmpty();
        }
    }

    @Test
    void a_pledge_can_be_made_with_the_keyboard_alone(RunningStack stack, Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Keyboard Relief Team");
        String campaignId = stage.campaign("Ya'an flood: keyboard donors");
        String firstNeed = stage.need(campaignId, new NeedSpec("SHL", "Sleeping mat", "piece", 80, "HIGH",
                "Tianquan stadium", 30.06, 102.76, "EXACT", null));
        String needId = stage.need(campaignId, new NeedSpec("WSH", "Water container, 20 l", "piece", 90, "MEDIUM",
                "Tianquan stadium", 30.06, 102.76, "EXACT", null));
        Api.Account donor = stage.donor("Ma Lin");
        stage.listingOnce(firstNeed, listing -> true);

        Visitor visitor = browsers.desktop("en-US");
        DonorPages.openCampaign(visitor, campaignId);
        DonorPages.signIn(visitor, donor);
        DonorPages.awaitCampaign(visitor);
        Page page = visitor.page();
        Locator card = DonorPages.needCard(page, needId);
        Locator quantity = card.getByRole(AriaRole.SPINBUTTON, named("Quantity (piece)"));

        // From the heading the app focuses after navigation, Tab until the need's quantity field has the focus.
        expect(page.locator("h1")).isFocused();
        int presses = 0;
        while (!isFocused(quantity)) {
            assertThat(presses).as("Tab presses to reach the quantity of %s", needId).isLessThan(80);
            page.keyboard().press("Tab");
            presses++;
        }
        page.keyboard().press("ControlOrMeta+A");
        page.keyboard().type("5");
        page.keyboard().press("Tab");
        expect(card.getByRole(AriaRole.BUTTON, named("Increase quantity"))).isFocused();
        page.keyboard().press("Space");
        page.keyboard().press("Shift+Tab");
        expect(quantity).isFocused();
        expect(quantity).hasValue("6");
        page.keyboard().press("Enter");

        expect(card.locator(".confirmation")).containsText("Pledged 6 piece of Water container, 20 l. Thank you!");
        expect(page.locator("#announcer")).hasText("Pledged 6 piece of Water container, 20 l. Thank you!");
        assertThat(stage.myPledges(donor, needId)).as("the donor's pledges on the need").singleElement()
                .satisfies(pledge -> assertThat(pledge.get("reserved").asInt()).isEqualTo(6));
        expect(card.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "6",
                new LocatorAssertions.HasAttributeOptions().setTimeout(LIVE_MS));
        assertThat(visitor.consoleErrors()).as("console errors").isEmpty();
    }

    private static boolean isFocused(Locator locator) {
        return Boolean.TRUE.equals(locator.evaluate("element => element === document.activeElement"));
    }

    /** Settles the page, keeps a screenshot of its top and asserts that axe finds nothing serious or critical. */
    private static void check(Visitor visitor, String name) {
        visitor.settle();
        visitor.page().evaluate("() => window.scrollTo(0, 0)");
        visitor.screenshot(name);
        assertThat(Accessibility.seriousViolations(visitor.page()))
                .as("serious or critical accessibility violations on %s (%s)", name, visitor.device().label())
                .isEmpty();
    }

    /** The campaign, its needs, posts and pool, and two donors (one per device) with a pledge at every stage. */
    private record World(String campaignId, int openNeeds, Api.Account phoneDonor, Api.Account desktopDonor) {

        static World make(RunningStack stack) {
            DonorStage stage = DonorStage.organise(stack, "Baoxing Earthquake Relief Alliance");
            String campaignId = stage.campaign(CAMPAIGN, "EARTHQUAKE", "Baoxing County, Ya'an, Sichuan", 30.37, 102.81,
                    "Shelter, water, food and medical care for the villages of Baoxing after the earthquake. Every "
                            + "need below is checked on site by our team.");
            String school = "Baoxing middle school shelter";
            String kitchen = "Muping village field kitchen";
            String hospital = "Baoxing county hospital";
            String warehouse = "Baoxing relief warehouse";
            Map<String, NeedSpec> specs = new LinkedHashMap<>();
            specs.put("tents", new NeedSpec("SHL", "Family tent (4 persons)", "piece", 400, "CRITICAL", school, 30.3682,
                    102.8151, "APPROXIMATE", Duration.ofDays(3)));
            specs.put("blankets", new NeedSpec("SHL", "Winter blanket", "piece", 1500, "HIGH", "Lingguan town square",
                    30.2903, 102.8012, "EXACT", Duration.ofDays(4)));
            specs.put("water", new NeedSpec("WSH", "Bottled drinking water", "litre", 8000, "CRITICAL", kitchen, 30.4211,
                    102.8323, "EXACT", Duration.ofDays(2)));
            specs.put("hygiene", new NeedSpec("WSH", "Family hygiene kit", "kit", 600, "HIGH", school, 30.3682, 102.8151,
                    "APPROXIMATE", Duration.ofDays(7)));
            specs.put("hygiene-longdong", new NeedSpec("WSH", "Family hygiene kit", "kit", 200, "MEDIUM",
                    "Longdong village distribution point", 30.3311, 102.7702, "EXACT", Duration.ofDays(10)));
            specs.put("meals", new NeedSpec("FSC", "Ready-to-eat meal", "ration", 5000, "HIGH", kitchen, 30.4211, 102.8323,
                    "EXACT", Duration.ofDays(3)));
            specs.put("insulin", new NeedSpec("HEA", "Insulin, rapid-acting (cold chain)", "vial", 120, "CRITICAL",
                    hospital, 30.3702, 102.8098, "APPROXIMATE", Duration.ofHours(20)));
            specs.put("formula", new NeedSpec("NUT", "Infant formula, stage 1", "tin", 300, "HIGH", school, 30.3682,
                    102.8151, "APPROXIMATE", Duration.ofDays(6)));
            specs.put("sat-phones", new NeedSpec("TEL", "Satellite phone", "piece", 12, "MEDIUM", warehouse, 30.4405,
                    102.8420, "EXACT", Duration.ofDays(10)));
            specs.put("school-kits", new NeedSpec("EDU", "School-in-a-box kit", "kit", 30, "LOW", school, 30.3682,
                    102.8151, "APPROXIMATE", null));
            Map<String, String> needs = new LinkedHashMap<>();
            specs.forEach((key, spec) -> needs.put(key, stage.need(campaignId, spec)));

            stage.post(campaignId, "A magnitude 6.1 earthquake struck Baoxing County at 05:43 this morning. Landslides "
                    + "have cut the road between Lingguan and Muping. This campaign coordinates the relief.", 30.37, 102.81);
            stage.post(campaignId, "About 3,000 people are sleeping on the sports ground of the middle school. Family "
                    + "tents, drinking water and hot meals come first.", 30.3682, 102.8151);
            stage.post(campaignId, "The county hospital is treating 24 injured people; about 40 patients with "
                    + "diabetes lost their insulin. Please drop insulin off at the hospital rather than post it.",
                    30.3702, 102.8098);
            stage.matchPool(campaignId, POOL_SPONSOR, 5_000_000);

            // Others' gifts: progress on the bars, money raised.
            Api.Account neighbour = stage.donor("Chen Xiu");
            String meals = stage.pledge(neighbour, needs.get("meals"), 1800).get("id").asText();
            stage.confirm(neighbour, meals, "PICKUP", Duration.ofDays(1));
            stage.dispatch(neighbour, meals, "Chen family van", "SC-A-7731");
            stage.deliver(meals, 1800);
            stage.pledge(neighbour, needs.get("tents"), 120);
            stage.pledge(neighbour, needs.get("sat-phones"), 12);
            stage.donate(neighbour, campaignId, 100_000);

            Api.Account phoneDonor = stage.donor("Li Mei");
            Api.Account desktopDonor = stage.donor("Wang Jun");
            for (Api.Account donor : List.of(phoneDonor, desktopDonor)) {
                stage.pledge(donor, needs.get("insulin"), 20);
                String hygiene = stage.pledge(donor, needs.get("hygiene"), 100).get("id").asText();
                stage.confirm(donor, hygiene, "DROP_OFF", Duration.ofDays(2));
                String water = stage.pledge(donor, needs.get("water"), 2000).get("id").asText();
                stage.confirm(donor, water, "SHIPMENT", Duration.ofDays(2));
                stage.dispatch(donor, water, "Deppon Logistics", "DPK7730019284");
                String tents = stage.pledge(donor, needs.get("tents"), 50).get("id").asText();
                stage.confirm(donor, tents, "SHIPMENT", Duration.ofDays(1));
                stage.dispatch(donor, tents, "SF Express", "SF1402387765012");
                stage.deliver(tents, 50);
                String blankets = stage.pledge(donor, needs.get("blankets"), 30).get("id").asText();
                stage.cancel(donor, blankets, "Found a closer need");
                stage.trail(donor, water, trail -> trail.get("events").size() >= 3);
            }
            // Ten needs, and the satellite phones fully pledged (still listed); the page lists OPEN and FULLY_PLEDGED.
            stage.listingOnce(needs.get("sat-phones"), listing -> listing.get("status").asText().equals("FULLY_PLEDGED"));
            stage.listingOnce(needs.get("tents"), listing -> listing.get("delivered").asInt() == 100);
            stage.campaignFeedOnce(campaignId, feed -> feed.get("timeline").size() >= 3
                    && feed.get("totals").get("raised").get("amount").asLong() >= 100_000);
            return new World(campaignId, specs.size(), phoneDonor, desktopDonor);
        }
    }
}
