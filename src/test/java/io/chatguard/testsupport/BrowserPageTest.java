package io.chatguard.testsupport;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import io.quarkus.test.common.http.TestHTTPResource;

/** A page test in a fresh headless Chromium per test, against the running service at {@link #root}. */
public abstract class BrowserPageTest {
    @TestHTTPResource("/")
    protected URL root;

    protected Browser browser;
    protected ChromeDriver driver;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start();
        driver = browser.driver();
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    /** The visible text of each element {@code by} finds, in document order. */
    protected List<String> texts(By by) {
        return driver.findElements(by).stream().map(WebElement::getText).toList();
    }
}
