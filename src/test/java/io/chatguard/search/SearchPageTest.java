package io.chatguard.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.chatguard.scan.ScanService;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.BrowserPageTest;
import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/** The officers' search page in headless Chromium, signed in through the real login form. */
@QuarkusTest
class SearchPageTest extends BrowserPageTest {
    static final String MARKUP = "<img src=x onerror=alert(1)>保本收益";

    @Inject
    SecurityFixtures fixtures;
    @Inject
    TestData testData;
    @Inject
    MessageIndexer indexer;
    @Inject
    SearchService search;
    @Inject
    ScanService scans;

    @Test
    void anOfficerFindsMessagesWithTheMatchHighlightedAndMarkupShownAsText() {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        index(testData.textMessage(employee, "wmClient", "这款理财保證收益，年化8%"),
                testData.textMessage(employee, "wmClient", MARKUP),
                testData.textMessage(employee, "wmClient", "下午三点给您回电话"));
        browser.signIn(root + "search/", fixtures.user(Roles.OFFICER));

        search("收益", employee);

        browser.await().until(d -> driver.findElements(By.cssSelector("#results li")).size() == 2);
        browser.screenshot("search-results");
        assertThat(driver.findElement(By.id("summary")).getText()).isEqualTo("共 2 条消息");
        assertThat(texts(By.cssSelector("#results mark"))).containsExactly("收益", "收益");
        assertThat(texts(By.cssSelector("#results .snippet"))).containsExactlyInAnyOrder("这款理财保證收益，年化8%", MARKUP);
        assertThat(driver.findElements(By.cssSelector("#results img"))).as("markup from a message is text").isEmpty();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        // The conversation around the markup message, opened from its hit.
        driver.findElements(By.cssSelector("#results li")).stream()
                .filter(li -> li.findElement(By.cssSelector(".snippet")).getText().equals(MARKUP)).findFirst().orElseThrow()
                .findElement(By.cssSelector("a.open")).click();
        browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#thread li.current")));
        browser.screenshot("search-conversation");
        assertThat(driver.findElement(By.cssSelector("#thread li.current .snippet")).getText()).isEqualTo(MARKUP);
        assertThat(driver.findElements(By.cssSelector("#thread img"))).isEmpty();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void anOfficerFiltersByCategoryHitAndAlertStatusAndSeesThemOnEachHit() {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String promise = testData.textMessage(employee, "wmClient", "这只基金保本保收益，您放心");
        String clean = testData.textMessage(employee, "wmClient", "明天上午十点见");
        index(promise, clean);
        scans.scan(java.util.stream.Stream.of(promise, clean).map(testData::messageId).toList());
        // The scan's findings and alert reach the index through the outbox, a moment after the scan commits.
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> search.search(new SearchRequest(null, null, null,
                employee, null, null, null, "guarantee_return", "open", "time", 0, 10), "officer-test").total() == 1);
        browser.signIn(root + "search/?sender=" + employee, fixtures.user(Roles.OFFICER));
        browser.await().until(d -> driver.findElements(By.cssSelector("#results li")).size() == 2);

        new Select(driver.findElement(By.id("category"))).selectByVisibleText("承诺保本、保收益或弥补亏损");
        new Select(driver.findElement(By.id("alertStatus"))).selectByVisibleText("待处理");
        driver.findElement(By.cssSelector("#search-form button[type=submit]")).click();

        browser.await().until(d -> driver.findElements(By.cssSelector("#results li")).size() == 1);
        browser.screenshot("search-facets");
        assertThat(driver.findElement(By.cssSelector("#results .snippet")).getText()).isEqualTo("这只基金保本保收益，您放心");
        assertThat(texts(By.cssSelector("#results .tag"))).containsExactly("承诺保本、保收益或弥补亏损", "预警待处理");
    }

    @Test
    void aQueryThatCannotBeParsedIsExplainedOnThePage() {
        browser.signIn(root + "search/", fixtures.user(Roles.OFFICER));

        search("保本 AND (", "");

        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(driver.findElement(By.id("error")).getText()).startsWith("检索条件有误：q: Cannot parse");
        assertThat(driver.findElements(By.cssSelector("#results li"))).isEmpty();
    }

    private void index(String... msgids) {
        indexer.index(java.util.Arrays.stream(msgids).map(testData::messageId).toList());
    }

    private void search(String q, String sender) {
        driver.findElement(By.id("q")).sendKeys(q);
        driver.findElement(By.id("sender")).sendKeys(sender);
        driver.findElement(By.cssSelector("#search-form button[type=submit]")).click();
    }
}
