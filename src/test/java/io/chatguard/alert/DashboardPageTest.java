package io.chatguard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.BrowserPageTest;
import io.quarkus.test.junit.QuarkusTest;

/** The dashboard in headless Chromium: ECharts, served by ChatGuard itself, draws every chart. */
@QuarkusTest
class DashboardPageTest extends BrowserPageTest {
    @Inject
    SecurityFixtures fixtures;

    @Test
    void anOfficerSeesTheAlertCountsCharted() {
        browser.signIn(root + "dashboard/", fixtures.user(Roles.OFFICER));

        browser.await().until(d -> d.findElement(By.id("summary")).getText().contains("条预警"));
        for (String chart : new String[] {"by-day", "by-category", "by-status", "by-employee", "by-department"}) {
            browser.await().until(d -> !d.findElements(By.cssSelector("#" + chart + " canvas")).isEmpty());
        }
        browser.screenshot("dashboard");
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("summary")).getText()).matches(".*至.*，共 \\d+ 条预警");
    }
}
