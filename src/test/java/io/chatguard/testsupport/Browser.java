package io.chatguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian {@code chromium} driven through Debian's {@code /usr/bin/chromedriver}, with a
 * fresh profile that is deleted on {@link #close()}. Not thread-safe: one test uses one browser.
 *
 * <p>Both binaries come from apt ({@code scripts/test} installs {@code chromium chromium-driver
 * fonts-noto-cjk}). Naming the driver executable makes Selenium skip Selenium Manager, so nothing
 * is ever downloaded; the browser itself is told not to talk to Google's services either.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A phone-sized viewport: WeCom's chat toolbar pages are 360–420 CSS pixels wide. */
    public static final int WIDTH = 390;
    public static final int HEIGHT = 844;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser; fails with the install command when chromium or its driver is missing. */
    public static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("headless browser tests need Debian's chromium and chromium-driver: "
                    + "run scripts/test as root, or apt-get install chromium chromium-driver fonts-noto-cjk");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("chatguard-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=zh-CN");
        // Desktop windows cannot be narrower than 500 px; emulate the phone's viewport instead.
        options.setExperimentalOption("mobileEmulation",
                Map.of("deviceMetrics", Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", 2.0)));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        boolean started = false;
        try {
            var browser = new Browser(new ChromeDriver(service, options), profile);
            started = true;
            return browser;
        } finally {
            if (!started) {
                deleteTree(profile);
            }
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Waits up to ten seconds, enough for a 300 ms debounce plus a check on a busy 2-core machine. */
    public WebDriverWait await() {
        return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50));
    }

    /** Runs a Chrome DevTools command (permissions, user agent, network conditions). */
    public Map<String, Object> cdp(String command, Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    /**
     * Opens {@code pageUrl} signed out, signs in through the real login form it redirects to, and waits to
     * be back on the page.
     */
    public void signIn(String pageUrl, String username) {
        driver.get(pageUrl);
        await().until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("j_username")).sendKeys(username);
        driver.findElement(By.id("j_password")).sendKeys(io.chatguard.security.SecurityFixtures.PASSWORD);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await().until(ExpectedConditions.urlToBe(pageUrl));
    }

    /** Saves the viewport as {@code target/screenshots/<name>.png} and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp profile is harmless; the test outcome matters more.
        }
    }
}
