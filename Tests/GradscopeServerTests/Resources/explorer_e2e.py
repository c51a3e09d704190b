#!/usr/bin/env python3
"""End-to-end test of the Gradscope explorer in a real headless Chromium.

Usage: explorer_e2e.py BASE_URL [--samples N]

Drives Debian's chromium through chromedriver (Selenium): loads the page, moves the depth
and weight controls with the keyboard, types a LaTeX formula, picks a figure of the post,
reloads a shared URL, clicks the cliff's surface to start both descents, and measures input-to-redraw time in the page (performance.now()).
Prints one JSON line with the measurements last; exits non-zero on the first failed check.
"""
import json
import statistics
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = sys.argv[1].rstrip("/")
SAMPLES = int(sys.argv[sys.argv.index("--samples") + 1]) if "--samples" in sys.argv else 20
TIMEOUT = 20


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print(f"ok: {message}", flush=True)


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--disable-extensions", "--no-first-run"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def redraws(driver):
    return driver.execute_script("return window.gradscope ? window.gradscope.redraws : 0")


def wait_for_text(driver, element_id, text):
    def matches(d):
        return d.find_element(By.ID, element_id).text == text
    try:
        WebDriverWait(driver, TIMEOUT).until(matches)
    except Exception:
        actual = driver.find_element(By.ID, element_id).text
        error = driver.execute_script("return window.gradscope.lastError")
        raise AssertionError(f"#{element_id} shows {actual!r}, expected {text!r} (page error: {error})")


def open_page(driver, query=""):
    driver.get(f"{BASE}/{query}")
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return window.gradscope && window.gradscope.ready"))


def main():
    driver = browser()
    try:
        # 1. The post's S1 from a URL: relu, w = 8, depths 1-3.
        open_page(driver, "?activation=relu&weight=8&bias=0&depth=3&x=-1:1&points=1001")
        wait_for_text(driver, "max-slope", "512")
        values = driver.find_element(By.ID, "chart-values").get_attribute("innerHTML").upper()
        check(all(c in values for c in ["#FFC0CB", "#FF0000", "#8B0000"]), "y(x) is drawn in pink, red and dark red")
        rows = driver.find_elements(By.CSS_SELECTOR, "#depth-table tbody tr")
        check([r.find_elements(By.TAG_NAME, "td")[1].text for r in rows] == ["8", "64", "512"], "the table shows slopes 8, 64, 512")

        # 2. Depth: type 5 into the depth box -> 8^5.
        depth = driver.find_element(By.ID, "depth")
        depth.send_keys(Keys.CONTROL, "a")
        depth.send_keys("5")
        wait_for_text(driver, "max-slope", "32768")
        check("depth=5" in driver.current_url, "the URL follows the depth control")

        # 3. Weight: ten steps left on the slider with the keyboard, 8 -> 7: 7^5.
        slider = driver.find_element(By.ID, "weight-range")
        for _ in range(10):
            slider.send_keys(Keys.ARROW_LEFT)
        wait_for_text(driver, "max-slope", "16807")
        check(driver.find_element(By.ID, "weight").get_attribute("value") == "7", "the weight box follows the slider")

        # 4. A bad formula shows its column under the box.
        formula = driver.find_element(By.ID, "formula")
        formula.send_keys("tanhh(x)")
        WebDriverWait(driver, TIMEOUT).until(lambda d: "tanhh" in d.find_element(By.ID, "formula-error").text)
        error = driver.find_element(By.ID, "formula-error").text
        check("column 1" in error and "Did you mean 'tanh'?" in error and "^" in error, f"a bad formula shows its column: {error.splitlines()[0]}")

        # 5. A LaTeX formula: tanh(w/2 * x) nested 5 times, w = 7 -> slope at 0 is 3.5^5 = 525.21875.
        formula.send_keys(Keys.CONTROL, "a")
        formula.send_keys(Keys.DELETE)
        formula.send_keys(r"\text{tanh}(\frac{w}{2} \cdot x)")
        wait_for_text(driver, "max-slope", "525.2")
        check(not driver.find_element(By.ID, "formula-error").is_displayed(), "the formula error is gone")
        check("Gradients by depth" in driver.find_element(By.ID, "chart-layers").get_attribute("innerHTML"),
              "a typed formula draws gradients by depth")

        # 6. The shared URL restores the view.
        shared = driver.current_url
        open_page(driver, "")
        driver.get(shared)
        WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return window.gradscope && window.gradscope.ready"))
        wait_for_text(driver, "max-slope", "525.2")
        check(driver.find_element(By.ID, "formula").get_attribute("value") == r"\text{tanh}(\frac{w}{2} \cdot x)",
              "a shared URL restores the formula")
        check(driver.find_element(By.ID, "depth").get_attribute("value") == "5", "a shared URL restores the depth")

        # 7. The figure picker: S5 (sigmoid, b = -w/2) gives slope 2^3 = 8 at x = 0; S1 gives 512.
        Select(driver.find_element(By.ID, "figure")).select_by_value("s5-sigmoid-bias")
        wait_for_text(driver, "max-slope", "8")
        check(driver.find_element(By.ID, "bias-half").is_selected(), "S5 sets b = -w/2")
        check("S5" in driver.find_element(By.ID, "figure-caption").text, "the figure's caption is shown")
        Select(driver.find_element(By.ID, "figure")).select_by_value("s1-relu")
        wait_for_text(driver, "max-slope", "512")

        # 7b. A narrow format and its overflow rule: in float8_e4m3fn 8^3 = 512 is past 448, so with
        # "saturate" the steepest slope is 448; the URL keeps both choices.
        Select(driver.find_element(By.ID, "overflow")).select_by_value("saturate")
        Select(driver.find_element(By.ID, "precision")).select_by_value("float8_e4m3fn")
        wait_for_text(driver, "max-slope", "448")
        query = driver.execute_script("return location.search")
        check("precision=float8_e4m3fn" in query and "overflow=saturate" in query, f"the URL keeps the format and the rule: {query}")
        Select(driver.find_element(By.ID, "precision")).select_by_value("float64")
        Select(driver.find_element(By.ID, "overflow")).select_by_value("nonfinite")
        wait_for_text(driver, "max-slope", "512")

        # 8. The cliff: a click at (w, b) = (5, -2.4) starts both descents there; the URL keeps the start.
        svg = driver.find_element(By.CSS_SELECTOR, "#chart-surface svg")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
        offset = driver.execute_script("""
            const svg = arguments[0], d = svg.dataset, box = svg.getBoundingClientRect(), v = svg.viewBox.baseVal;
            const px = Number(d.plotLeft) + (5 - d.wFrom) / (d.wTo - d.wFrom) * d.plotWidth;
            const py = Number(d.plotTop) + (d.bTo - -2.4) / (d.bTo - d.bFrom) * d.plotHeight;
            return [px * box.width / v.width - box.width / 2, py * box.height / v.height - box.height / 2];""", svg)
        before = driver.execute_script("return gradscope.surfaceRedraws")
        ActionChains(driver).move_to_element_with_offset(svg, int(round(offset[0])), int(round(offset[1]))).click().perform()
        WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return gradscope.surfaceRedraws") > before)
        start = driver.execute_script("return new URLSearchParams(location.search).get('start')")
        w, b = (float(v) for v in start.split(","))
        check(abs(w - 5) < 0.1 and abs(b + 2.4) < 0.1, f"a click on the surface starts the descents at ({w}, {b})")
        surface = driver.find_element(By.ID, "chart-surface").get_attribute("innerHTML").upper()
        check(surface.count("<POLYLINE") >= 3 and "#FF3B30" in surface and "#FFFFFF" in surface,
              "both trajectories and the wall are drawn")

        # 8b. The cliff's model controls: tanh, T = 20, x0 = 1, target 0.2 reach the API and the URL.
        before = driver.execute_script("return gradscope.surfaceRedraws")
        Select(driver.find_element(By.ID, "surface-activation")).select_by_value("tanh")
        WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return gradscope.surfaceRedraws") > before)
        for control, value in [("surface-steps", "20"), ("surface-x0", "1"), ("surface-target", "0.2")]:
            before = driver.execute_script("return gradscope.surfaceRedraws")
            box = driver.find_element(By.ID, control)
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(value)
            WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return gradscope.surfaceRedraws") > before)
        wanted = ["activation=tanh", "steps=20", "x0=1", "target=0.2"]
        link = lambda d: d.find_element(By.CSS_SELECTOR, "#dl-surface a:last-child").get_attribute("href")
        try:
            WebDriverWait(driver, TIMEOUT).until(lambda d: all(p in link(d) for p in wanted))
        except Exception:
            pass
        check(all(p in link(driver) for p in wanted), f"the cliff's controls reach the API: {link(driver)}")
        check("s.activation=tanh" in driver.current_url and "s.steps=20" in driver.current_url, "the URL keeps the cliff's model")
        check("tanh" in driver.find_element(By.ID, "surface-phi").text and "20 steps" in driver.find_element(By.ID, "surface-steps-text").text,
              "the caption names the activation and T")

        # 9. Input-to-redraw time for a depth-100 tanh chain at 1000 points.
        open_page(driver, "?activation=tanh&weight=8&bias=0&depth=100&x=-1:1&points=1000&precision=float64&at=0.5")
        check(driver.find_element(By.ID, "deepest-depth").text == "100", "depth 100 is drawn")
        slider = driver.find_element(By.ID, "weight-range")
        redraw, frame, server = [], [], []
        for i in range(SAMPLES):
            before = redraws(driver)
            slider.send_keys(Keys.ARROW_RIGHT if i % 2 == 0 else Keys.ARROW_LEFT)
            WebDriverWait(driver, TIMEOUT).until(lambda d: redraws(d) > before)
            m = driver.execute_script("return [gradscope.lastRedrawMs, gradscope.lastFrameMs, gradscope.lastServerMs]")
            redraw.append(m[0]); frame.append(m[1]); server.append(m[2])
            time.sleep(0.05)
        result = {
            "samples": SAMPLES,
            "redrawMedianMs": round(statistics.median(redraw), 1),
            "redrawP90Ms": round(sorted(redraw)[int(0.9 * (SAMPLES - 1))], 1),
            "redrawMaxMs": round(max(redraw), 1),
            "frameMedianMs": round(statistics.median(frame), 1),
            "serverMedianMs": round(statistics.median(server), 1),
        }
        print(json.dumps(result), flush=True)
    finally:
        driver.quit()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAILED: {failure}", flush=True)
        sys.exit(1)
