package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.system.DonorPages.LIVE_MS;
import static org.lifeline.system.DonorPages.expect;
import static org.lifeline.system.DonorPages.named;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The donor app speaks the browser's language: a browser asking for zh-CN gets the Chinese interface (lang, navigation,
 * buttons, money in yuan as ¥, numbers and dates as Chinese writes them), and the Language select switches it to
 * English in place, without a reload.
 */
@ExtendWith({RunningStack.class, Browsers.class})
class WebAppDonorLanguageTest {

    @Test
    void a_chinese_browser_gets_the_chinese_interface_and_the_language_select_switches_it_in_place(RunningStack stack,
                                                                                                 Browsers browsers) {
        DonorStage stage = DonorStage.organise(stack, "Bilingual Relief Team");
        String campaignId = stage.campaign("雅安洪灾救援 Ya'an flood relief");
        String needId = stage.need(campaignId, new DonorStage.NeedSpec("WSH", "瓶装饮用水 Bottled water", "箱", 12_345,
                "CRITICAL", "芦山县体育馆", 30.15, 102.93, "EXACT", java.time.Duration.ofDays(2)));
        Api.Account donor = stage.donor("Li Na");
        stage.donate(donor, campaignId, 123_456);
        stage.pledge(donor, needId, 1_500);
        stage.campaignFeedOnce(campaignId, feed -> feed.get("totals").get("raised").get("amount").asLong() == 123_456);
        stage.listingOnce(needId, listing -> listing.get("reserved").asInt() == 1_500);

        Visitor visitor = browsers.phone("zh-CN");
        DonorPages.open(visitor, "#/campaigns/" + campaignId);
        Page page = visitor.page();
        DonorPages.awaitCampaign(visitor);
        page.evaluate("() => { window.__sameDocument = true; }");

        // Chinese throughout: lang, the chrome, the page.
        expect(page.locator("html")).hasAttribute("lang", "zh-CN");
        Locator nav = page.getByRole(AriaRole.NAVIGATION, DonorPages.name("Main"));
        expect(nav.getByRole(AriaRole.LINK, named("救援项目"))).isVisible();
        expect(nav.getByRole(AriaRole.LINK, named("登录"))).isVisible();
        expect(nav.getByRole(AriaRole.LINK, named("注册"))).isVisible();
        Locator language = page.getByLabel("语言", new Page.GetByLabelOptions().setExact(true));
        expect(language).hasValue("zh-CN");
        expect(page.getByRole(AriaRole.STATUS, DonorPages.name("实时更新"))).hasText("实时");
        expect(page.getByRole(AriaRole.HEADING, DonorPages.name("需求"))).isVisible();
        expect(page.getByRole(AriaRole.HEADING, DonorPages.name("捐款"))).isVisible();

        // Money as yuan with ¥ (not "CN¥"), numbers grouped, the date in Chinese.
        Locator totals = page.locator(".campaign-header dl.totals");
        expect(totals).containsText("已筹款");
        expect(totals).containsText("¥1,234.56");
        expect(totals).not().containsText("CN¥");
        Locator bar = DonorPages.progress(page, needId);
        expect(bar).hasAccessibleName("需 12,345 箱，已认捐 1,500");
        expect(DonorPages.needCard(page, needId)).containsText("特急");
        expect(page.locator(".campaign-header .meta")).containsText(Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日"));

        // Signed in (through the Chinese form), the pledge and give buttons are Chinese.
        DonorPages.signInChinese(visitor, donor);
        DonorPages.awaitCampaign(visitor);
        Locator card = DonorPages.needCard(page, needId);
        expect(card.getByRole(AriaRole.BUTTON, named("认捐"))).isVisible();
        expect(card.getByLabel("数量（箱）")).isVisible();
        expect(page.getByRole(AriaRole.BUTTON, DonorPages.name("捐款"))).isVisible();
        expect(page.getByLabel("其他金额（CNY）")).isVisible();
        expect(page.locator(".give-form .presets")).containsText("¥200.00");
        expect(nav.getByRole(AriaRole.BUTTON, named("退出登录"))).isVisible();
        visitor.screenshot("campaign-zh");

        // Switching to English: everything changes in place, without a reload.
        language.selectOption("en");
        expect(page.locator("html")).hasAttribute("lang", "en");
        Locator englishLanguage = page.getByLabel("Language", new Page.GetByLabelOptions().setExact(true));
        expect(englishLanguage).hasValue("en");
        expect(nav.getByRole(AriaRole.LINK, named("Campaigns"))).isVisible();
        expect(nav.getByRole(AriaRole.LINK, named("My gifts"))).isVisible();
        expect(nav.getByRole(AriaRole.BUTTON, named("Sign out"))).isVisible();
        expect(page.getByRole(AriaRole.STATUS, DonorPages.name("Live updates"))).hasText("Live",
                new LocatorAssertions.HasTextOptions().setTimeout(LIVE_MS));
        card = DonorPages.needCard(page, needId);
        expect(card.getByRole(AriaRole.BUTTON, named("Pledge"))).isVisible();
        expect(card.getByRole(AriaRole.PROGRESSBAR)).hasAccessibleName("1,500 of 12,345 箱 reserved");
        expect(card).containsText("Critical");
        expect(page.getByRole(AriaRole.BUTTON, DonorPages.name("Give"))).isVisible();
        expect(totals).containsText("Raised");
        expect(totals).containsText("CN¥1,234.56");
        expect(page.locator(".campaign-header .meta")).containsText(Pattern.compile("[A-Z][a-z]{2} \\d{1,2}, \\d{4}"));
        expect(page.locator(".campaign-header .meta")).not().containsText("年");
        assertThat(page.evaluate("() => window.__sameDocument")).as("switched without a reload").isEqualTo(true);
        assertThat(page.evaluate("() => localStorage.getItem('lifeline.lang')")).as("the kept choice").isEqualTo("en");
        visitor.screenshot("campaign-switched-to-en");

        assertThat(visitor.consoleErrors()).as("console errors").isEmpty();
        assertThat(visitor.consoleLog()).as("console messages about missing translations")
                .noneMatch(line -> line.contains("missing message"));
    }
}
