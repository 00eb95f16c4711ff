"""Browser tests: real headless Chromium (Debian's chromium and chromium-driver) driven by
selenium against `costake serve --demo --clock manual` on a free port, on a fresh SQLite
database seeded with a small demo network. Each test saves a screenshot under
Tests/Browser/screenshots/ (git-ignored)."""
import json
import os
import re
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
TOKEN = "browser-operator"


def costake_binary():
    explicit = os.environ.get("COSTAKE_BINARY")
    if explicit:
        return explicit
    for candidate in (ROOT / ".build" / "release" / "costake", ROOT / ".build" / "debug" / "costake"):
        if candidate.exists():
            return str(candidate)
    raise RuntimeError("build costake first (swift build -c release) or set COSTAKE_BINARY")


class Server:
    """A running `costake serve`, with helpers for the JSON and operator APIs."""

    def __init__(self, database):
        self.log_path = Path(tempfile.mkstemp(prefix="costake-browser-", suffix=".log")[1])
        self.process = subprocess.Popen(
            [costake_binary(), "serve", "--demo", "--demo-devices", "150", "--clock", "manual", "--port", "0",
             "--database", database, "--operator-token", TOKEN, "--log-level", "notice"],
            stdout=subprocess.DEVNULL, stderr=self.log_path.open("w"))
        deadline = time.time() + 300
        while time.time() < deadline:
            found = re.search(r"address=http://127\.0\.0\.1:(\d+)", self.log_path.read_text())
            if found:
                self.url = f"http://127.0.0.1:{found.group(1)}"
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError("costake serve did not start: " + self.log_path.read_text())

    def request(self, path, body=None, method=None, token=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method or ("POST" if data else "GET"))
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def operator(self, path, body, method=None):
        status, answer = self.request(path, body, method=method, token=TOKEN)
        assert status in (200, 201), (path, status, answer)
        return answer

    def advance(self, seconds):
        return self.operator("/v1/operator/clock", {"advance_seconds": seconds})

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="session")
def server():
    directory = tempfile.mkdtemp(prefix="costake-browser-")
    running = Server(os.path.join(directory, "browser.sqlite"))
    yield running
    running.stop()


@pytest.fixture()
def browser(request):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--disable-gpu"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(0)
    yield driver
    SCREENSHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{request.node.name}.png"))
    driver.quit()


def wait(driver, condition, timeout=20):
    return WebDriverWait(driver, timeout).until(condition)


def visible(driver, css, timeout=20):
    return wait(driver, EC.visibility_of_element_located((By.CSS_SELECTOR, css)), timeout)


def create_wallet(driver, server):
    """Makes a browser wallet on the wallet page; returns its address."""
    driver.get(server.url + "/wallet")
    visible(driver, "#create-wallet").click()
    return visible(driver, "#address").text


def import_wallet(driver, server, key_file):
    """Imports a Solana key file (64 numbers) into the browser wallet; returns its address."""
    path = Path(tempfile.mkstemp(suffix=".json")[1])
    path.write_text(json.dumps(key_file))
    driver.get(server.url + "/wallet")
    driver.find_element(By.ID, "import-key").send_keys(str(path))
    return visible(driver, "#address").text


def sign_and_send(driver, form):
    """Submits a transaction form, checks the words of what is signed, signs, and waits for
    the outcome; returns (state history, status text)."""
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    box = form.find_element(By.CSS_SELECTOR, ".tx-status")
    wait(driver, lambda d: box.get_attribute("data-state") in ("confirm", "failed"))
    if box.get_attribute("data-state") == "confirm":
        assert "You are signing:" in box.text
        box.find_element(By.CSS_SELECTOR, "button.sign").click()
        wait(driver, lambda d: box.get_attribute("data-state") in ("approved", "failed"))
    return box.get_attribute("data-history"), box.text
