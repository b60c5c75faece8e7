package io.chatguard.precheck;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.Browser;
import io.chatguard.testsupport.BrowserPageTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The advisor sidebar (事前拦截, issue #4 item 6) in a real headless Chromium at phone width, signed
 * in through the real login form, checking against the real rules. Screenshots land in
 * {@code target/screenshots/}.
 */
@QuarkusTest
class SidebarPageTest extends BrowserPageTest {
    // Decisions checked against rules/ with scripts/rules-eval; each is far from its rule's edge.
    static final String BLOCKED = "这款产品保 本保收益，放心买";
    static final String WARNED = "明天这只必涨，开盘就买";
    static final String PASSED = "好的，下午三点给您回电话";
    static final String MARKUP = "<img src=x onerror=alert(1)>保本";

    @Inject
    SecurityFixtures fixtures;

    @Test
    void blockedMessageHighlightsWhatWasTypedAndCannotBeSent() {
        signInThroughTheSidebar(fixtures.user(Roles.ADVISOR));

        type(BLOCKED);
        awaitVerdict("block");

        assertThat(text(By.id("verdict-badge"))).isEqualTo("拦截");
        assertThat(texts(By.cssSelector("#preview mark"))).containsExactlyElementsOf(typedAtHits(BLOCKED))
                .anySatisfy(marked -> assertThat(marked).contains("保 本"));
        assertThat(texts(By.cssSelector("#hits .hit-category"))).containsOnly("承诺保本保收益");
        assertThat(texts(By.cssSelector("#hits .hit-original"))).containsExactlyElementsOf(typedAtHits(BLOCKED));
        assertThat(sendButton().isEnabled()).as("send enabled on BLOCK").isFalse();
        assertThat(sendButton().getText()).isEqualTo("禁止发送");
        // The attempt is evidence, and the advisor sees it in the recent list.
        browser.await().until(d -> texts(By.cssSelector("#recent-list .recent-text")).contains(BLOCKED));
        browser.screenshot("sidebar-block");
        assertThat(driver.executeScript("return [window.innerWidth, document.documentElement.scrollWidth]"))
                .as("phone-width viewport without horizontal scrolling")
                .isEqualTo(List.of((long) Browser.WIDTH, (long) Browser.WIDTH));
    }

    @Test
    void warnedMessageIsCopiedOnlyAfterExplicitConfirmation() {
        signInThroughTheSidebar(fixtures.user(Roles.ADVISOR));
        allowClipboard();

        type(WARNED);
        awaitVerdict("warn");
        assertThat(text(By.id("verdict-badge"))).isEqualTo("提醒");
        assertThat(texts(By.cssSelector("#hits .hit-category"))).contains("荐股与确定性预测");

        sendButton().click();
        WebElement dialog = driver.findElement(By.id("confirm"));
        browser.await().until(ExpectedConditions.visibilityOf(dialog));
        browser.screenshot("sidebar-warn-confirm");
        driver.findElement(By.id("confirm-cancel")).click();
        assertThat(dialog.isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("status")).isDisplayed()).as("nothing sent after 返回修改").isFalse();
        assertThat(clipboard()).isNotEqualTo(WARNED);

        sendButton().click();
        browser.await().until(ExpectedConditions.visibilityOf(dialog));
        driver.findElement(By.id("confirm-ok")).click();

        awaitStatus("已复制到剪贴板");
        assertThat(clipboard()).isEqualTo(WARNED);
    }

    @Test
    void passedMessageIsCopiedOutsideWeCom() {
        signInThroughTheSidebar(fixtures.user(Roles.ADVISOR));
        allowClipboard();

        type(PASSED);
        awaitVerdict("pass");
        assertThat(text(By.id("verdict-badge"))).isEqualTo("通过");
        assertThat(sendButton().getText()).isEqualTo("复制消息");
        sendButton().click();

        awaitStatus("已复制到剪贴板");
        browser.screenshot("sidebar-pass-copied");
        assertThat(clipboard()).isEqualTo(PASSED);
        assertThat(driver.findElement(By.id("confirm")).isDisplayed()).isFalse();
    }

    @Test
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        signInThroughTheSidebar(fixtures.user(Roles.ADVISOR));

        type(MARKUP);
        awaitVerdict("block");
        browser.await().until(d -> texts(By.cssSelector("#recent-list .recent-text")).contains(MARKUP));
        browser.screenshot("sidebar-markup");

        assertThat(driver.findElement(By.id("preview")).getText()).isEqualTo(MARKUP);
        assertThat(texts(By.cssSelector("#preview mark"))).containsExactly("保本");
        assertThat(driver.findElements(By.tagName("img"))).as("img elements anywhere on the page").isEmpty();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void insideWeComTheConfirmedMessageGoesOutThroughTheJsSdk() {
        // A stand-in for WeCom's client: its user agent and the wx bridge object. The real SDK is
        // only fetched when wx is missing, so the test never touches res.wx.qq.com.
        String userAgent = (String) driver.executeScript("return navigator.userAgent");
        browser.cdp("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent + " wxwork/4.1.30"));
        browser.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__invocations = [];
                window.wx = { invoke(name, params, callback) {
                  window.__invocations.push({ name, params: JSON.parse(JSON.stringify(params)) });
                  const answers = {
                    sendChatMessage: { err_msg: 'sendChatMessage:ok' },
                    getCurExternalContact: { err_msg: 'getCurExternalContact:ok', userId: 'wmClientSidebar01' },
                  };
                  setTimeout(() => callback(answers[name] || { err_msg: name + ':fail no permission' }), 0);
                } };
                """));
        signInThroughTheSidebar(fixtures.user(Roles.ADVISOR));
        assertThat(text(By.id("env-hint"))).contains("企业微信");

        type(WARNED);
        awaitVerdict("warn");
        assertThat(sendButton().getText()).isEqualTo("确认后发送");
        sendButton().click();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        driver.findElement(By.id("confirm-ok")).click();

        awaitStatus("已发送到当前会话");
        Object sent = driver.executeScript(
                "return window.__invocations.filter(i => i.name === 'sendChatMessage').map(i => i.params)");
        assertThat(sent).isEqualTo(List.of(Map.of("msgtype", "text", "text", Map.of("content", WARNED))));
        assertThat(driver.findElement(By.id("compose")).getAttribute("value")).isEmpty();
        assertThat(driver.findElements(By.cssSelector("script[src*='res.wx.qq.com']"))).isEmpty();
        // The chat's customer went into the evidence record of the WARN decision.
        List<List<String>> receivers = given().cookie("quarkus-credential", sessionCookie())
                .get("/api/v1/precheck-decisions?limit=5")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.text == '" + WARNED + "' }.receivers");
        assertThat(receivers).isNotEmpty().allSatisfy(r -> assertThat(r).containsExactly("wmClientSidebar01"));
    }

    @Test
    void failedChecksAreExplainedInChineseAndNothingUncheckedCanBeSent() {
        signInThroughTheSidebar(fixtures.user(Roles.ADVISOR));

        // 400 text-too-long: the server's limit is 10 000 chars.
        driver.executeScript("const c = document.getElementById('compose');"
                + " c.value = arguments[0]; c.dispatchEvent(new Event('input'));", "好".repeat(10_001));
        awaitError("消息过长");
        assertThat(sendButton().isEnabled()).isFalse();

        // Network down.
        browser.cdp("Network.enable", Map.of());
        browser.cdp("Network.emulateNetworkConditions",
                Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        type(PASSED);
        awaitError("网络异常");
        assertThat(sendButton().isEnabled()).isFalse();
        browser.cdp("Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));

        // Session gone: 401 asks for a new sign-in and links to the login page.
        driver.manage().deleteCookieNamed("quarkus-credential");
        type(PASSED);
        awaitError("请重新登录");
        browser.screenshot("sidebar-signed-out");
        assertThat(driver.findElement(By.cssSelector("#error a")).getAttribute("href")).endsWith("/login.html");
        assertThat(attribute(By.id("verdict"), "data-state")).isEqualTo("error");
        assertThat(sendButton().isEnabled()).isFalse();
    }

    @Test
    void lateAnswerForAnEarlierTextNeverReplacesTheCurrentVerdict() {
        signInThroughTheSidebar(fixtures.user(Roles.ADVISOR));
        // The first check's answer is held back 1.5 s and cannot be aborted, so it lands last.
        driver.executeScript("""
                const realFetch = window.fetch.bind(window);
                window.__checks = 0;
                window.__answered = 0;
                window.fetch = (url, options = {}) => {
                  if (!String(url).endsWith('/api/v1/precheck')) return realFetch(url, options);
                  const delay = ++window.__checks === 1 ? 1500 : 0;
                  const { signal, ...unabortable } = options;
                  return realFetch(url, unabortable).then(r => new Promise(resolve => setTimeout(() => {
                    window.__answered++;
                    resolve(r);
                  }, delay)));
                };
                """);

        type(PASSED);
        browser.await().until(d -> ((Number) driver.executeScript("return window.__checks")).intValue() == 1);
        type(BLOCKED);
        awaitVerdict("block");
        browser.await().until(d -> ((Number) driver.executeScript("return window.__answered")).intValue() == 2);

        assertThat(attribute(By.id("verdict"), "data-state")).isEqualTo("block");
        assertThat(texts(By.cssSelector("#preview mark"))).containsExactlyElementsOf(typedAtHits(BLOCKED));
        assertThat(sendButton().isEnabled()).isFalse();
    }

    @Test
    void advisorSigningInOnTheLoginPageLandsOnTheSidebar() {
        String advisor = fixtures.user(Roles.ADVISOR);
        driver.get(root + "login.html");
        submitLogin(advisor);

        browser.await().until(ExpectedConditions.urlToBe(root + "sidebar/"));
        browser.await().until(ExpectedConditions.textToBe(By.id("user-name"), advisor));
        assertThat(driver.getTitle()).contains("事前合规检查");
    }

    @Test
    void officerStaysOnTheWorkspaceAndTheSidebarSaysItIsForAdvisors() {
        String officer = fixtures.user(Roles.OFFICER);
        driver.get(root + "login.html");
        submitLogin(officer);
        browser.await().until(ExpectedConditions.textToBe(By.id("user-name"), officer));
        assertThat(driver.getCurrentUrl()).isEqualTo(root.toString());

        driver.get(root + "sidebar/");
        awaitError("没有投资顾问权限");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Opens the sidebar anonymously, which goes through the login form and back. */
    private void signInThroughTheSidebar(String username) {
        browser.signIn(root + "sidebar/", username);
        browser.await().until(ExpectedConditions.textToBe(By.id("user-name"), username));
    }

    private void submitLogin(String username) {
        driver.findElement(By.id("j_username")).sendKeys(username);
        driver.findElement(By.id("j_password")).sendKeys(SecurityFixtures.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    private void type(String message) {
        WebElement compose = driver.findElement(By.id("compose"));
        driver.executeScript("arguments[0].value = ''", compose);
        compose.sendKeys(message);
    }

    private void awaitVerdict(String state) {
        browser.await().withMessage(() -> "verdict " + state + ", page says: " + text(By.id("verdict")) + " / "
                + text(By.id("error")))
                .until(ExpectedConditions.attributeToBe(By.id("verdict"), "data-state", state));
    }

    private void awaitStatus(String fragment) {
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), fragment));
    }

    private void awaitError(String fragment) {
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), fragment));
    }

    /** What the advisor typed at each hit, from the API itself, so the test follows rule edits. */
    private List<String> typedAtHits(String message) {
        List<Map<String, Object>> hits = given().auth().oauth2(fixtures.token(Roles.ADVISOR))
                .contentType(ContentType.JSON).body(Map.of("text", message)).post("/api/v1/precheck")
                .then().statusCode(200).extract().jsonPath().getList("hits");
        return hits.stream().map(h -> message.substring((Integer) h.get("start"), (Integer) h.get("end"))).toList();
    }

    private void allowClipboard() {
        browser.cdp("Browser.grantPermissions", Map.of("origin", root.toString().replaceAll("/$", ""),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    private String clipboard() {
        return (String) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " navigator.clipboard.readText().then(done, e => done('clipboard unreadable: ' + e));");
    }

    private String sessionCookie() {
        return driver.manage().getCookieNamed("quarkus-credential").getValue();
    }

    private WebElement sendButton() {
        return driver.findElement(By.id("send"));
    }

    private String text(By by) {
        return driver.findElement(by).getText();
    }

    private String attribute(By by, String name) {
        return driver.findElement(by).getAttribute(name);
    }
}
