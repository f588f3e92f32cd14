"""The views in a real headless Chromium (Selenium): offline, no console error, slider, escaping.

Needs the Debian packages chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver);
They fail when those are missing (.ci/run installs them). Screenshots go to test-output/ at the repository root.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kg import views
from kg.analytics import load_index

from selenium import webdriver  # .ci/run installs selenium and Debian's chromium + chromium-driver

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
OUT = Path(__file__).resolve().parent.parent / "test-output"
XSS = "<img src=x onerror=alert(1)>"
BAC_TENURE = "ten:hoang-ha-bac--bk01--uy-vien-dang-uy-quan-su-thanh-pho--bac-kan--058--d1"


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--window-size=1400,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def open_page(browser, html: str, tmp_path: Path, name: str) -> dict:
    """Load the page from file://, wait for the layout; return the console errors and requested URLs."""
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    browser.get_log("browser"), browser.get_log("performance")  # forget the previous page
    browser.get(path.as_uri())
    deadline = time.time() + 20
    while not browser.execute_script("return !!(window.kgView && window.kgView.stabilized)"):
        assert time.time() < deadline, "the network never stabilized"
        time.sleep(0.05)
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    urls = set()
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.add(msg["params"]["request"]["url"])
    return {"errors": errors, "urls": urls}


def visible_edges(browser) -> set[str]:
    return set(browser.execute_script(
        "return window.kgView.visibleEdges().map(function (id) { return window.kgView.edges.get(id).kg.fact || id; })"))


@pytest.fixture(scope="module")
def index(seed_store):
    return load_index(seed_store)


def test_the_seed_person_view_opens_offline_without_errors(browser, seed_store, index, tmp_path):
    page = open_page(browser, views.person_view(seed_store, "Cù Ngọc Cường", index=index), tmp_path, "cuong")
    assert page["errors"] == []
    assert {u.split(":", 1)[0] for u in page["urls"]} == {"file"}  # nothing but the file itself
    shown = set(browser.execute_script("return window.kgView.visibleNodes()"))
    assert {"per:cu-ngoc-cuong--bk01", "post:bi-thu--thanh-uy--bac-kan--058", "org:thanh-uy--bac-kan--058",
            "per:hoang-ha-bac--bk01"} <= shown
    assert browser.find_element("id", "kg-title").text == "Cù Ngọc Cường"
    assert len(browser.find_elements("css selector", "#kg-gantt .g-row")) >= 4  # the timeline
    OUT.mkdir(exist_ok=True)
    browser.save_screenshot(str(OUT / "person-view.png"))


def test_clicking_a_node_lists_its_facts_with_sources(browser, seed_store, index, tmp_path):
    open_page(browser, views.person_view(seed_store, "Cù Ngọc Cường", index=index), tmp_path, "click")
    browser.execute_script("""var n = window.kgView.network, p = n.getPositions(['per:cu-ngoc-cuong--bk01'])['per:cu-ngoc-cuong--bk01'];
        var c = n.canvasToDOM(p); window.kgView.network.body.emitter.emit('click', {nodes: ['per:cu-ngoc-cuong--bk01'], edges: [], pointer: {DOM: c, canvas: p}});""")
    details = browser.find_element("id", "kg-details").text
    assert "Bí thư" in details and "“Bí thư Thành uỷ” [474–489]" in details


def test_the_search_box_finds_a_name_without_diacritics(browser, seed_store, index, tmp_path):
    open_page(browser, views.person_view(seed_store, "Cù Ngọc Cường", index=index), tmp_path, "search")
    browser.find_element("id", "kg-search").send_keys("hoang ha bac")
    assert browser.find_element("id", "kg-matches").text.startswith("1 ")
    assert browser.execute_script("return window.kgView.network.getSelectedNodes()") == ["per:hoang-ha-bac--bk01"]


def test_the_slider_hides_a_tenure_after_its_end(browser, seed_store, index, tmp_path):
    open_page(browser, views.person_view(seed_store, "Hoàng Hà Bắc", index=index), tmp_path, "slider")
    assert BAC_TENURE in visible_edges(browser)  # no date chosen: everything shows
    browser.find_element("id", "kg-asof").click()

    def slide_to(iso: str) -> None:
        browser.execute_script("""var s = document.getElementById('kg-slider');
            s.value = Math.round(Date.parse(arguments[0] + 'T00:00:00Z') / 86400000);
            s.dispatchEvent(new Event('input'));""", iso)
        assert browser.find_element("id", "kg-date").text == iso

    slide_to("2024-06-01")
    assert BAC_TENURE in visible_edges(browser)
    slide_to("2025-07-01")  # the day after the city's party organizations ended
    assert BAC_TENURE not in visible_edges(browser)
    assert "per:hoang-ha-bac--bk01" in browser.execute_script("return window.kgView.visibleNodes()")


def test_an_html_name_renders_as_text(browser, tmp_path):
    from kg.store import Store
    from tests.conftest import SEED
    extra = tmp_path / "xss.yaml"
    extra.write_text(f"""- {{type: person, id: xss--t1, name: "{XSS}"}}
- {{type: attestation, person: xss--t1, position: pho-bi-thu, org: thanh-uy--bac-kan--058, date: "2023-03-22"}}
""", encoding="utf-8")
    store = Store()
    store.load([*sorted(SEED.glob("*.yaml")), extra])
    page = open_page(browser, views.person_view(store, "per:xss--t1"), tmp_path, "xss")
    assert page["errors"] == []
    assert browser.find_element("id", "kg-title").text == XSS  # shown as text
    assert browser.find_elements("css selector", "img") == []  # never parsed as HTML
    browser.execute_script("window.kgView.showNode('per:xss--t1')")
    assert XSS in browser.find_element("id", "kg-details").text
    assert browser.execute_script("return window.kgView.nodes.get('per:xss--t1').title.textContent").startswith(XSS)
    browser.save_screenshot(str(OUT / "xss-view.png"))
