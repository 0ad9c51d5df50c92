"""`vnextract serve` in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, which .ci/run installs) driven by selenium.

It starts `vnextract serve` on a free loopback port over a database built from the seed
corpus, searches the facts with the other tone placement (`Hoà`) and without diacritics,
opens a fact and, when the database has people, a person, and saves a screenshot
(`VNX_SCREENSHOT=docs/serve.png` writes it there too). Skipped when Chromium, its driver or
selenium is missing, unless `VNX_REQUIRE_BROWSER=1` (set by .ci/run), where that fails.
"""
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from db_helpers import run as _run

REPO = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
try:
    import datasette  # noqa: F401
    import selenium  # noqa: F401
    MISSING = None
except ImportError as e:
    MISSING = f"{e.name} is not installed (pip install -e '.[test]')"
if MISSING is None and not (CHROMIUM and CHROMEDRIVER):
    MISSING = "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)"
if MISSING and os.environ.get("VNX_REQUIRE_BROWSER") == "1":
    # CI must run the browser test: a skip there would hide a broken serve
    pytest.fail(f"VNX_REQUIRE_BROWSER=1 but {MISSING}", pytrace=False)
pytestmark = [pytest.mark.browser, pytest.mark.skipif(MISSING is not None, reason=MISSING or "")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    db = tmp / "facts.sqlite"
    assert _run(REPO / "corpus", "--db", db) == 0
    port = _free_port()
    log = open(tmp / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "extract", "serve", "--db", str(db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):   # up to 30 s for Datasette to start
            if proc.poll() is not None:
                break
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("vnextract serve did not answer within 30 s")
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"vnextract serve exited {proc.returncode}: {log.read()}")
        yield base, db
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=vi"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _no_error(driver):
    """The page is no Datasette error page and the browser logged no error."""
    from selenium.webdriver.common.by import By

    assert "Error" not in driver.title
    assert not driver.find_elements(By.CSS_SELECTOR, ".message-error")
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert severe == []


def _search(driver, base, words):
    """Type ``words`` in the search box of the facts view and submit; the rows' texts."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(base + "/facts/facts")
    _no_error(driver)
    box = driver.find_element(By.ID, "_search")
    box.clear()
    box.send_keys(words, Keys.ENTER)
    for _ in range(100):
        if "_search=" in driver.current_url:
            break
        time.sleep(0.1)
    _no_error(driver)
    return [td.text for td in driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns td.col-text")]


def test_search_open_a_fact_and_a_person(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    base, db = server
    browser.get(base + "/")
    _no_error(browser)
    assert "Facts from the news" in browser.page_source and "Dữ kiện từ báo chí" in browser.page_source

    # the corpus writes "Trương Hòa Bình": the old tone placement and no diacritics find him too
    for words in ("Trương Hoà Bình", "truong hoa binh"):
        texts = _search(browser, base, words)
        assert texts.count("Trương Hòa Bình") == 2, (words, texts)
        assert "Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình đã ký ban hành" in browser.page_source
    # search matches "..." is what Datasette says it filtered on: what was typed
    assert 'search matches "truong hoa binh"' in browser.page_source
    browser.save_screenshot(str(tmp_path / "search.png"))
    if os.environ.get("VNX_SCREENSHOT"):
        shutil.copy(tmp_path / "search.png", os.environ["VNX_SCREENSHOT"])

    # open the first fact found: its row page shows the record and links to its statement and article
    link = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns td.col-mention_id a")
    mention_id = link.text
    link.click()
    assert browser.current_url.endswith(f"/facts/mentions/{mention_id}")
    _no_error(browser)
    page = browser.page_source
    assert "OFFICIAL" in page and "Trương Hòa Bình" in page and "Phó Thủ tướng Thường trực Chính phủ" in page

    # a number: its value and its statement's measure
    with sqlite3.connect(db) as conn:
        (mid,) = conn.execute("SELECT mention_id FROM mentions WHERE text = '50,2%'").fetchone()
        people = conn.execute("SELECT name FROM sqlite_master WHERE name = 'people'").fetchone()
    browser.get(f"{base}/facts/mentions/{mid}")
    _no_error(browser)
    assert [td.text for td in browser.find_elements(By.CSS_SELECTOR, "td.col-value, td.col-value_number")] == [
        "50.2", "50.2"]
    browser.get(f"{base}/facts/statements/{mid}")
    _no_error(browser)
    assert browser.find_element(By.CSS_SELECTOR, "td.col-measure").text == "tỷ lệ giải quyết hồ sơ đúng hoặc sớm hạn"

    if people:   # vnextract people's tables (issue 12): open the first person
        browser.get(base + "/facts/people")
        _no_error(browser)
        row = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
        name = row.find_element(By.CSS_SELECTOR, "td.col-name").text
        row.find_element(By.CSS_SELECTOR, "td a").click()   # the row's key: its page
        _no_error(browser)
        assert "/facts/people/" in browser.current_url
        assert name and name in browser.find_element(By.CSS_SELECTOR, "td.col-name").text
    browser.save_screenshot(str(tmp_path / "fact.png"))
