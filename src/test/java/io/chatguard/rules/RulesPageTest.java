package io.chatguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.BrowserPageTest;
import io.quarkus.test.junit.QuarkusTest;

/** The rules page in headless Chromium: the rules in force, and a text tested against them. */
@QuarkusTest
class RulesPageTest extends BrowserPageTest {
    static final String TEXT = "<i>这款产品保本保收益</i>，您放心";

    @Inject
    SecurityFixtures fixtures;

    @Test
    void anOfficerSeesTheRulesInForceAndTestsATextWithTheHitsMarked() {
        browser.signIn(root + "rules/", fixtures.user(Roles.OFFICER));
        browser.await().until(d -> d.findElements(By.cssSelector("#rules tbody tr")).size() >= 9);
        assertThat(texts(By.cssSelector("#rules tbody td:nth-child(2)"))).contains("承诺保本、保收益或弥补亏损", "内幕消息与操纵市场");

        driver.findElement(By.id("text")).sendKeys(TEXT);
        driver.findElement(By.cssSelector("#test button[type=submit]")).click();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("decision"), "拦截"));
        browser.screenshot("rules-test");

        assertThat(driver.findElement(By.id("preview")).getText()).isEqualTo(TEXT);
        assertThat(driver.findElements(By.cssSelector("#preview i"))).as("typed markup is text").isEmpty();
        assertThat(texts(By.cssSelector("#preview mark"))).isNotEmpty().allSatisfy(m -> assertThat(TEXT).contains(m));
    }
}
