#!/usr/bin/env python3
"""Checks a Gradscope report's layout in headless Chromium (Selenium + chromedriver).

Usage: report_layout.py REPORT_FOLDER

1. Every figures/*.svg: the boxes Chromium reports for its <text> elements (getBBox(), mapped
   through their transforms into the root SVG) do not intersect each other and lie inside the
   SVG and inside the chart (nested <svg>) they belong to.
2. index.html at 1024, 1400 and 390 px wide (390 as a phone): the page does not scroll sideways
   (scrollWidth <= innerWidth) and every chart lies inside the viewport's width.

Prints one JSON object {"text": [...problems], "page": [...problems], "checked": {...}}; exits 0.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options

FOLDER = os.path.abspath(sys.argv[1])
TOLERANCE = 0.5

TEXT_BOXES = """
const root = document.documentElement;
const rootInverse = root.getScreenCTM().inverse();
function box(element, b) {
  const m = rootInverse.multiply(element.getScreenCTM());
  const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
    .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
  const xs = corners.map(p => p.x), ys = corners.map(p => p.y);
  return {x: Math.min(...xs), y: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys)};
}
const texts = [];
for (const text of document.querySelectorAll('text')) {
  if (!text.textContent.trim()) continue;
  const b = text.getBBox();
  if (b.width === 0) continue;
  const owner = text.ownerSVGElement;
  const chart = owner === root ? {x: 0, y: 0, right: root.width.baseVal.value, bottom: root.height.baseVal.value}
    : box(owner, {x: 0, y: 0, width: owner.width.baseVal.value, height: owner.height.baseVal.value});
  texts.push({text: text.textContent, box: box(text, b), chart: chart});
}
return {width: root.width.baseVal.value, height: root.height.baseVal.value, texts: texts};
"""

PAGE = """
const charts = [...document.querySelectorAll('.chart svg')].filter(svg => !svg.parentElement.closest('svg')).map(svg => {
  const r = svg.getBoundingClientRect();
  return {id: svg.closest('section').id, left: r.left, right: r.right};
});
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, charts: charts};
"""


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--disable-extensions", "--no-first-run", "--hide-scrollbars"]:
        options.add_argument(argument)
    return webdriver.Chrome(options=options)


def text_problems(driver, name):
    driver.get("file://" + os.path.join(FOLDER, "figures", name))
    result = driver.execute_script(TEXT_BOXES)
    problems = []
    texts = result["texts"]
    for t in texts:
        b, c = t["box"], t["chart"]
        for frame, label in [({"x": 0, "y": 0, "right": result["width"], "bottom": result["height"]}, "the SVG"), (c, "its chart")]:
            if b["x"] < frame["x"] - TOLERANCE or b["y"] < frame["y"] - TOLERANCE \
                    or b["right"] > frame["right"] + TOLERANCE or b["bottom"] > frame["bottom"] + TOLERANCE:
                problems.append(f"{name}: '{t['text']}' leaves {label} ({round(b['x'], 1)}, {round(b['y'], 1)}, "
                                f"{round(b['right'], 1)}, {round(b['bottom'], 1)})")
    for i, a in enumerate(texts):
        for other in texts[i + 1:]:
            p, q = a["box"], other["box"]
            if min(p["right"], q["right"]) - max(p["x"], q["x"]) > TOLERANCE and \
                    min(p["bottom"], q["bottom"]) - max(p["y"], q["y"]) > TOLERANCE:
                problems.append(f"{name}: '{a['text']}' overlaps '{other['text']}'")
    return problems, len(texts)


def page_problems(driver, width):
    phone = width < 600
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": phone})
    driver.get("file://" + os.path.join(FOLDER, "index.html"))
    result = driver.execute_script(PAGE)
    problems = []
    if result["scrollWidth"] > result["innerWidth"]:
        problems.append(f"{width} px: the page scrolls sideways (scrollWidth {result['scrollWidth']} > innerWidth {result['innerWidth']})")
    for chart in result["charts"]:
        if chart["left"] < -TOLERANCE or chart["right"] > result["innerWidth"] + TOLERANCE:
            problems.append(f"{width} px: a chart of {chart['id']} spans {round(chart['left'])}…{round(chart['right'])}")
    return problems, len(result["charts"]), result["innerWidth"]


def main():
    driver = browser()
    report = {"text": [], "page": [], "checked": {"svgFiles": 0, "texts": 0, "widths": {}}}
    try:
        for name in sorted(os.listdir(os.path.join(FOLDER, "figures"))):
            if name.endswith(".svg"):
                problems, count = text_problems(driver, name)
                report["text"] += problems
                report["checked"]["svgFiles"] += 1
                report["checked"]["texts"] += count
        for width in [1024, 1400, 390]:
            problems, charts, inner = page_problems(driver, width)
            report["page"] += problems
            report["checked"]["widths"][str(width)] = {"charts": charts, "innerWidth": inner}
    finally:
        driver.quit()
    print(json.dumps(report, ensure_ascii=False))


main()
