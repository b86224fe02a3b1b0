#!/usr/bin/env python3
"""Checks a generated nnfs-book report in headless Chromium, as a reader's browser shows it.

    python3 scripts/browser-check.py REPORT_DIR SCREENSHOT_DIR

For every *.html page in REPORT_DIR: it loads with no console error, requests nothing outside
REPORT_DIR (no CDN, no network), every figure (figure.plot svg) has a non-empty bounding box,
every link to a page or an anchor resolves, and axe (bundled offline by axe-selenium-python)
finds no serious or critical accessibility violation. Screenshots of the index and of the first
chapter page with a figure go to SCREENSHOT_DIR (index.png, chapter.png, chapter-phone.png).

Exit status: 0 all checks passed, 1 a check failed, 77 the browser tools are missing (Debian's
chromium and chromium-driver, pip's selenium and axe-selenium-python; scripts/setup installs them).
"""
import json
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse


def missing_tools():
    missing = []
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        missing.append("chromium")
    if not shutil.which("chromedriver"):
        missing.append("chromium-driver (chromedriver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("python selenium")
    try:
        import axe_selenium_python  # noqa: F401
    except ImportError:
        missing.append("python axe-selenium-python")
    return chromium, missing


def make_driver(chromium, width, height):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--allow-file-access-from-files", "--hide-scrollbars", f"--window-size={width},{height}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def requested_urls(driver):
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def check_page(driver, page, report, problems, axe_summary):
    from axe_selenium_python import Axe

    driver.get_log("performance")  # drop earlier entries
    driver.get_log("browser")
    driver.get(page.as_uri())
    name = page.name
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            problems.append(f"{name}: console error: {entry.get('message')}")
    root = report.resolve().as_uri() + "/"
    for url in requested_urls(driver):
        if url.startswith(("data:", "about:", "blob:")):
            continue
        if not url.startswith(root):
            problems.append(f"{name}: request outside the report folder: {url}")
        elif not Path(unquote(urlparse(url).path)).exists():
            problems.append(f"{name}: request for a missing file: {url}")
    boxes = driver.execute_script(
        "return Array.from(document.querySelectorAll('figure.plot svg')).map(function (s) {"
        " var r = s.getBoundingClientRect(); return [r.width, r.height]; });")
    for i, (w, h) in enumerate(boxes, 1):
        if not (w > 0 and h > 0):
            problems.append(f"{name}: figure {i} has an empty bounding box ({w} x {h})")
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(function (a) { return a.getAttribute('href'); });")
    for href in links:
        parsed = urlparse(href)
        if parsed.scheme or href.startswith("//"):
            problems.append(f"{name}: link leaves the report: {href}")
            continue
        target = (page.parent / unquote(parsed.path)) if parsed.path else page
        if not target.exists():
            problems.append(f"{name}: broken link {href}")
        elif parsed.fragment:
            html = target.read_text(encoding="utf-8")
            if f'id="{parsed.fragment}"' not in html:
                problems.append(f"{name}: link {href}: no element with id {parsed.fragment!r}")
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    for v in results["violations"]:
        axe_summary.setdefault(v["impact"] or "unknown", set()).add(v["id"])
        if v["impact"] in ("serious", "critical"):
            nodes = "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
            problems.append(f"{name}: axe {v['impact']}: {v['id']} ({v['help']}) at {nodes}")
    return len(boxes)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    report, shots = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    chromium, missing = missing_tools()
    if missing:
        print("browser-check: missing " + ", ".join(missing) + " (scripts/setup installs them)")
        return 77
    pages = sorted(report.glob("*.html"))
    if not pages:
        print(f"browser-check: no pages in {report}")
        return 1
    shots.mkdir(parents=True, exist_ok=True)
    problems, axe_summary, figures = [], {}, 0
    driver = make_driver(chromium, 1280, 1000)
    try:
        chapter_shot = None
        for page in pages:
            n = check_page(driver, page, report, problems, axe_summary)
            figures += n
            if n and chapter_shot is None:
                chapter_shot = page
        driver.get((report / "index.html").as_uri())
        driver.save_screenshot(str(shots / "index.png"))
        chapter_shot = chapter_shot or next((p for p in pages if p.name != "index.html"), None)
        if chapter_shot:
            driver.get(chapter_shot.as_uri())
            driver.execute_script("var f = document.querySelector('figure.plot');"
                                  " if (f) { f.scrollIntoView(); window.scrollBy(0, -420); }")
            driver.save_screenshot(str(shots / "chapter.png"))
    finally:
        driver.quit()
    if chapter_shot:
        phone = make_driver(chromium, 390, 844)
        try:
            phone.get(chapter_shot.as_uri())
            phone.save_screenshot(str(shots / "chapter-phone.png"))
        finally:
            phone.quit()
    summary = ", ".join(f"{k}: {', '.join(sorted(v))}" for k, v in sorted(axe_summary.items())) or "none"
    print(f"browser-check: {len(pages)} pages, {figures} figures; axe violations by impact: {summary}")
    print(f"browser-check: screenshots in {shots}")
    for p in problems:
        print("browser-check: " + p)
    print(f"browser-check: {'FAILED' if problems else 'ok'} ({len(problems)} problem{'s' if len(problems) != 1 else ''})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
