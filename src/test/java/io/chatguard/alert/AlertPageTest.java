package io.chatguard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.chatguard.scan.ScanService;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.BrowserPageTest;
import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/** The review queue and an alert's page in headless Chromium: an officer claims and closes an alert. */
@QuarkusTest
class AlertPageTest extends BrowserPageTest {
    static final String MARKUP = "<b onmouseover=alert(1)>保本</b>保收益，放心买";

    @Inject
    SecurityFixtures fixtures;
    @Inject
    TestData testData;
    @Inject
    ScanService scans;

    @Test
    void anOfficerOpensAnAlertFromTheQueueClaimsItAndClosesItWithAResolution() {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        testData.textMessage(employee, "wmClient", MARKUP);
        scans.sweep();
        String officer = fixtures.user(Roles.OFFICER);

        browser.signIn(root + "alerts/?employee=" + employee, officer);
        browser.await().until(d -> !d.findElements(By.cssSelector("#alerts tbody tr")).isEmpty());
        browser.screenshot("alerts-queue");
        assertThat(texts(By.cssSelector("#alerts tbody td:nth-child(3)"))).contains("承诺保本、保收益或弥补亏损");

        driver.findElement(By.cssSelector("#alerts tbody tr a")).click();
        browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#message mark")));
        assertThat(driver.findElement(By.id("message")).getText()).isEqualTo(MARKUP);
        assertThat(texts(By.cssSelector("#message mark"))).isNotEmpty().allSatisfy(m -> assertThat(MARKUP).contains(m));
        assertThat(driver.findElements(By.cssSelector("#message b"))).as("markup in a message is text").isEmpty();

        button("claim").click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "处理中"));
        driver.findElement(By.id("note")).sendKeys("培训材料中的反例，非对客户发送");
        new Select(driver.findElement(By.id("resolution"))).selectByVisibleText("误报");
        button("close").click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("title"), "已关闭"));
        browser.screenshot("alert-closed");

        assertThat(texts(By.cssSelector("#history td:nth-child(3)"))).containsSubsequence("生成", "查看", "认领", "关闭");
        assertThat(texts(By.cssSelector("#history td:nth-child(5)"))).contains("培训材料中的反例，非对客户发送");
        assertThat(texts(By.cssSelector("#facts dd"))).contains("误报", officer);
        assertThat(texts(By.cssSelector("#buttons button"))).containsExactlyInAnyOrder("备注", "标签", "重新打开");
        assertThat(driver.findElement(By.id("resolution-field")).isDisplayed()).as("closed: no resolution to pick").isFalse();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private WebElement button(String action) {
        return driver.findElement(By.cssSelector("#buttons button[data-action=" + action + "]"));
    }
}
