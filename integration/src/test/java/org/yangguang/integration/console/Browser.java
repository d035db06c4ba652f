package org.yangguang.integration.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless chromium driven by its chromedriver (explicit paths: Selenium Manager never downloads a
 * driver here). The browser runs in Lin County's time zone, as a user's phone would. Screenshots go to
 * dashboards/target/screenshots (build artifacts).
 */
final class Browser implements AutoCloseable {
    static final Dimension PHONE = new Dimension(390, 844);
    static final Dimension DESKTOP = new Dimension(1366, 900);
    static final Path SCREENSHOTS = Path.of(System.getProperty("user.dir")).resolveSibling("dashboards")
            .resolve("target").resolve("screenshots");

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final String base;
    private final Path profile;

    Browser(String baseUrl) throws IOException {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.profile = Files.createTempDirectory("yg-chromium");
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().withEnvironment(Map.of("TZ", "Asia/Shanghai")).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--lang=zh-CN", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    ChromeDriver driver() {
        return driver;
    }

    void size(Dimension d) {
        driver.manage().window().setSize(d);
    }

    /** Opens a console path (e.g. "/#/stations") in a fresh tab state: no token, Chinese. */
    void fresh(String path) {
        driver.get(base + "/");
        js("sessionStorage.clear(); localStorage.clear();");
        // a new document: a hash-only change would keep the previous page's state in memory
        driver.get("about:blank");
        driver.get(base + path);
        waitFor(By.cssSelector("main"));
    }

    /** Like {@link #fresh(String)}, in a chosen language ("zh-CN" or "en"), as the header's switch remembers it. */
    void fresh(String path, String lang) {
        fresh("/");
        js("localStorage.setItem('yg.lang', arguments[0]);", lang);
        driver.get("about:blank");
        driver.get(base + path);
        waitFor(By.cssSelector("main"));
    }

    /** Accepts the page's window.prompt with a typed answer, waiting for it to open. */
    void answerPrompt(String text) {
        org.openqa.selenium.Alert alert = new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.alertIsPresent());
        alert.sendKeys(text);
        alert.accept();
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Text of an element that live updates may replace at any moment: read again when it went stale. */
    String text(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getText());
    }

    /** Clicks an element that live updates may replace at any moment. */
    void click(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    /** An attribute of such an element. */
    String attribute(By by, String name) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getAttribute(name));
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Logs in through the form, by label (what a user reads), and waits for the role's home page. */
    void login(String user, String password, String userLabel, String passwordLabel, String submit) {
        waitFor(By.id("login-form"));
        inputLabelled(userLabel).sendKeys(user);
        inputLabelled(passwordLabel).sendKeys(password);
        button(submit).click();
        waitFor(By.id("logout"));
    }

    WebElement inputLabelled(String label) {
        WebElement l = waitFor(By.xpath("//label[normalize-space(.)='" + label + "']"));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    WebElement button(String text) {
        return waitFor(By.xpath("//button[normalize-space(.)='" + text + "']"));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void shot(String name) throws IOException {
        js("window.scrollTo(0, 0)");
        // full-page height so the whole page is in the picture
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) js("return Math.max(document.body.scrollHeight, window.innerHeight)")).longValue();
        driver.manage().window().setSize(new Dimension(before.width, (int) Math.min(height + 120, 4000)));
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        driver.manage().window().setSize(before);
    }

    // ---- accessibility checks ----

    /** Every visible form control has a label (label element, aria-label or aria-labelledby). */
    void assertLabelled() {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) js("""
                return [...document.querySelectorAll('input, select, textarea')]
                  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                  .map(e => e.outerHTML.slice(0, 120));""");
        assertThat(unlabelled).as("form controls without a label on " + driver.getCurrentUrl()).isEmpty();
    }

    /**
     * Text contrast per WCAG 2.x from computed styles: every visible element with its own text has at least 4.5:1
     * against its effective background (3:1 for large text: ≥ 24 px, or ≥ 18.66 px bold).
     */
    void assertContrast() {
        @SuppressWarnings("unchecked")
        List<String> bad = (List<String>) js("""
                const rgb = s => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
                  const p = m[1].split(',').map(x => parseFloat(x)); return {r:p[0], g:p[1], b:p[2], a: p.length > 3 ? p[3] : 1}; };
                const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
                const bgOf = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                  if (c && c.a > 0.5) return c; } return {r:255, g:255, b:255, a:1}; };
                const out = [];
                for (const el of document.querySelectorAll('body *')) {
                  if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
                  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                  if (!own) continue;
                  const cs = getComputedStyle(el);
                  if (cs.visibility === 'hidden' || parseFloat(cs.opacity) === 0) continue;
                  if (el.closest('.visually-hidden, .skip, [disabled]')) continue;
                  const fg = rgb(cs.color); const bg = bgOf(el);
                  const l1 = lum(fg), l2 = lum(bg);
                  const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                  const size = parseFloat(cs.fontSize); const bold = parseInt(cs.fontWeight) >= 700;
                  const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
                  if (ratio < need) out.push(el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2) + ':1 ' + cs.color + ' on ' + JSON.stringify(bg));
                }
                return out;""");
        assertThat(bad).as("text below the WCAG AA contrast on " + driver.getCurrentUrl()).isEmpty();
    }

    /**
     * Tabs through the page from the top: each focused element shows a visible focus indicator (outline or box
     * shadow), and the returned list says what was reached, in order (id, label or text).
     */
    List<String> tabThrough(int maxSteps) {
        // start where a keyboard user starts: the first focusable element of the page (the skip link)
        js("window.scrollTo(0,0); document.querySelector('a[href], button, input, select, textarea').focus();");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < maxSteps; i++) {
            if (i > 0) {
                new Actions(driver).sendKeys(Keys.TAB).perform();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) js("""
                    const e = document.activeElement; if (!e || e === document.body) return null;
                    const cs = getComputedStyle(e);
                    const visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow && cs.boxShadow !== 'none');
                    const label = e.labels && e.labels.length ? e.labels[0].textContent.trim() : (e.textContent || '').trim();
                    return {name: label.slice(0, 40) || e.id || e.tagName, visible: visible};""");
            if (f == null) {
                break;
            }
            assertThat((Boolean) f.get("visible")).as("visible focus on " + f.get("name")).isTrue();
            reached.add((String) f.get("name"));
        }
        return reached;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
