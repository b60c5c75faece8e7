package io.chatguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.BrowserPageTest;
import io.quarkus.test.junit.QuarkusTest;

/** The reports page in headless Chromium: an officer creates and shares a report, the regulator downloads it. */
@QuarkusTest
class ReportPageTest extends BrowserPageTest {
    @Inject
    SecurityFixtures fixtures;

    @Test
    void anOfficerCreatesAndSharesAReportAndOnlyThatRegulatorSeesIt() {
        String officer = fixtures.user(Roles.OFFICER);
        String regulator = fixtures.user(Roles.REGULATOR);
        String title = "<img src=x onerror=alert(1)>月度报告 " + UUID.randomUUID().toString().substring(0, 6);
        browser.signIn(root + "reports/", officer);
        browser.await().until(d -> d.findElement(By.id("create-card")).isDisplayed());

        driver.findElement(By.id("title")).sendKeys(title);
        driver.executeScript("document.getElementById('from').value = '2026-11-01T00:00';"
                + "document.getElementById('to').value = '2026-11-02T00:00';");
        driver.findElement(By.id("employees")).sendKeys("adv-nobody-" + UUID.randomUUID().toString().substring(0, 6));
        driver.findElement(By.cssSelector("#create button[type=submit]")).click();

        browser.await().ignoring(StaleElementReferenceException.class).until(d -> row(title) != null && row(title).findElement(By.cssSelector(".status")).getText().equals("已完成"));
        WebElement mine = row(title);
        assertThat(mine.findElements(By.cssSelector(".files a")).stream().map(WebElement::getText).toList())
                .containsExactly("PDF", "Excel", "CSV", "证据包");
        assertThat(driver.findElements(By.cssSelector("#reports img"))).as("a title is text").isEmpty();
        assertThat(driver.findElement(By.id("fingerprint")).getText()).matches("[0-9a-f]{64}");
        mine.findElement(By.cssSelector(".share input")).sendKeys(regulator);
        WebElement shareButton = mine.findElement(By.cssSelector(".share button"));
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth")).as("nothing wider than the phone")
                .isLessThanOrEqualTo(390L);
        shareButton.click();
        browser.await().ignoring(StaleElementReferenceException.class).until(d -> row(title).getText().contains("已共享"));
        browser.screenshot("reports-officer");

        signInAgain(regulator);
        browser.await().ignoring(StaleElementReferenceException.class).until(d -> row(title) != null);
        browser.screenshot("reports-regulator");
        assertThat(driver.findElement(By.id("create-card")).isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector(".share"))).isEmpty();
        List<String> links = row(title).findElements(By.cssSelector(".files a")).stream().map(a -> a.getDomAttribute("href")).toList();
        assertThat(links).hasSize(4).allMatch(h -> h.startsWith("/api/v1/reports/"));

        signInAgain(fixtures.user(Roles.REGULATOR));
        browser.await().until(d -> !d.findElement(By.cssSelector("#reports tbody")).getText().isEmpty());
        assertThat(row(title)).as("not shared with this regulator").isNull();
    }

    /** Signs out (drops the session) and in as {@code user}, then opens the reports page. */
    private void signInAgain(String user) {
        driver.manage().deleteAllCookies();
        browser.signIn(root.toString(), user);
        driver.get(root + "reports/");
    }

    private WebElement row(String title) {
        return driver.findElements(By.cssSelector("#reports tbody tr")).stream()
                .filter(tr -> tr.findElements(By.tagName("td")).size() > 1 && tr.findElements(By.tagName("td")).get(1).getText()
                        .equals(title))
                .findFirst().orElse(null);
    }
}
