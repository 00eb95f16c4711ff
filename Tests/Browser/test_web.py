"""The web app in a real browser (issue 6): marketplace filters, sorting and paging; co-staking
with the browser wallet (Sending, then Approved); disabled buttons with their reasons; unstake,
countdown, clock advance and withdraw; the owner's stake, offer wizard, retraction and overflow
withdrawal; the device page's charts; the injected-wallet (Phantom) path; reading without
JavaScript; a phone-sized screen."""
import json
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import create_wallet, import_wallet, sign_and_send, visible, wait
from keys import Key


def rows(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#offers tbody tr[data-offer]")


def row_ids(driver):
    return [row.get_attribute("data-offer") for row in rows(driver)]


def api_offers(server, **query):
    query.setdefault("limit", 25)
    text = "&".join(f"{k}={v}" for k, v in query.items())
    status, answer = server.request(f"/v1/offers?{text}")
    assert status == 200, answer
    return answer


def register_device(server, owner, model="RTX 4070", processors=4, deposit="5000"):
    server.operator("/v1/operator/deposits", {"account": owner.address, "amount": deposit})
    return server.operator("/v1/operator/devices", {"owner": owner.address, "model": model, "processors": processors,
                                                    "status": "up", "name": f"browser {owner.address[:6]}"})["device_id"]


def takeable_offers(server, taker, count):
    """Open offers the taker can afford, on devices it does not own."""
    offers = api_offers(server, max_amount="5000", sort="amount", order="asc")["offers"]
    chosen = []
    for offer in offers:
        device = server.request(f"/v1/devices/{offer['device_id']}")[1]
        if device["owner"] != taker.address:
            chosen.append(offer)
        if len(chosen) == count:
            return chosen
    raise AssertionError("the demo network has too few cheap open offers")


def test_marketplace_filters_sorts_and_pages(server, browser):
    browser.get(server.url + "/")
    assert "Explore Co-Staking" in browser.find_element(By.TAG_NAME, "h1").text
    # Default: by estimated reward, highest first, the API's first page.
    assert row_ids(browser) == [o["offer_id"] for o in api_offers(server, sort="estimated_reward", order="desc")["offers"]]
    # Filter: at least 50% of rewards shared.
    Select(browser.find_element(By.ID, "f-share")).select_by_value("5000")
    browser.find_element(By.CSS_SELECTOR, ".filters button[type=submit]").click()
    wait(browser, lambda d: "min_reward_share_bps=5000" in d.current_url)
    shares = [int(row.find_element(By.CSS_SELECTOR, ".share").text.rstrip("%").split(".")[0]) for row in rows(browser)]
    assert shares and all(share >= 50 for share in shares)
    assert row_ids(browser) == [o["offer_id"] for o in api_offers(server, min_reward_share_bps=5000, sort="estimated_reward", order="desc")["offers"]]
    # Sort by reliability: a click sorts descending, a second ascending.
    browser.find_element(By.CSS_SELECTOR, "th[data-sort=reliability] a").click()
    wait(browser, lambda d: "sort=reliability" in d.current_url)
    expected = api_offers(server, min_reward_share_bps=5000, sort="reliability", order="desc")["offers"]
    assert row_ids(browser) == [o["offer_id"] for o in expected]
    browser.find_element(By.CSS_SELECTOR, "th[data-sort=reliability] a").click()
    wait(browser, lambda d: "order=asc" in d.current_url)
    assert row_ids(browser) == [o["offer_id"] for o in api_offers(server, min_reward_share_bps=5000, sort="reliability", order="asc")["offers"]]
    # Paging: the next page is the API's next page.
    browser.get(server.url + "/?limit=8")
    first = api_offers(server, sort="estimated_reward", order="desc", limit=8)
    assert first["next_cursor"], "the demo has more than one page of offers"
    browser.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    wait(browser, lambda d: "cursor=" in d.current_url)
    second = api_offers(server, sort="estimated_reward", order="desc", cursor=first["next_cursor"], limit=8)
    assert row_ids(browser) == [o["offer_id"] for o in second["offers"]]
    # A bad value is shown beside its field, and the rest of the page still works.
    browser.get(server.url + "/?min_amount=abc")
    field = browser.find_element(By.ID, "f-min")
    assert field.get_attribute("aria-invalid") == "true"
    assert "amount" in browser.find_element(By.ID, "f-min-error").text.lower()
    assert rows(browser)


def test_co_stake_with_the_browser_wallet(server, browser):
    address = create_wallet(browser, server)
    assert len(address) >= 32
    visible(browser, "#faucet").click()
    wait(browser, lambda d: "Paid 10,000 IO" in d.find_element(By.ID, "faucet-status").text)
    browser.get(server.url + "/?max_amount=5000&sort=amount&order=asc")
    link = browser.find_element(By.CSS_SELECTOR, "#offers a.costake")
    offer_id = link.find_element(By.XPATH, "./ancestor::tr").get_attribute("data-offer")
    link.click()
    form = visible(browser, "form.tx[data-tx=co_stake]")
    assert "Co-Staking with" in browser.find_element(By.TAG_NAME, "h1").text
    history, text = sign_and_send(browser, form)
    assert history == "confirm,sending,approved", (history, text)
    assert "Approved!" in text and "position_id" in text
    offer = server.request(f"/v1/offers/{offer_id}")[1]
    assert offer["status"] == "active"
    browser.get(server.url + "/portfolio")
    position = browser.find_element(By.CSS_SELECTOR, "#positions tr[data-state=active]")
    assert "Active" in position.text


def test_buttons_are_disabled_on_your_own_device_and_after_two_claims(server, browser):
    taker = Key(44)
    server.operator("/v1/operator/deposits", {"account": taker.address, "amount": "20000"})
    for offer in takeable_offers(server, taker, 2):
        status, answer = taker.send(server, "co_stake", offer_id=offer["offer_id"], requested_amount=offer["requested_amount"],
                                    reward_share_bps=offer["reward_share_bps"])
        assert status == 200, answer
    import_wallet(browser, server, taker.key_file)
    browser.get(server.url + "/")
    buttons = browser.find_elements(By.CSS_SELECTOR, "#offers button.costake")
    assert buttons and all(not b.is_enabled() for b in buttons)
    assert not browser.find_elements(By.CSS_SELECTOR, "#offers a.costake")
    assert "Claim cap reached (2 of 2)" in browser.find_element(By.CSS_SELECTOR, "#offers .why").text
    # Its own device: an offer of its own shows "Your own device".
    device = register_device(server, taker, deposit="2000")
    assert taker.send(server, "stake", device_id=device, amount="1200")[0] == 200
    status, created = taker.send(server, "create_offer", device_id=device, requested_amount="300", reward_share_bps=2000)
    assert status == 200, created
    browser.get(server.url + f"/?device_id={device}")
    assert "Your own device" in browser.find_element(By.CSS_SELECTOR, "#offers .why").text
    browser.get(server.url + "/offers/" + created["result"]["offer_id"])
    assert not browser.find_element(By.CSS_SELECTOR, "form.tx button.costake").is_enabled()
    assert "Your own device" in browser.find_element(By.ID, "why-take").text


def test_unstake_shows_the_countdown_and_withdraw_after_the_clock_moves(server, browser):
    staker = Key(45)
    server.operator("/v1/operator/deposits", {"account": staker.address, "amount": "10000"})
    offer = takeable_offers(server, staker, 1)[0]
    assert staker.send(server, "co_stake", offer_id=offer["offer_id"], requested_amount=offer["requested_amount"],
                       reward_share_bps=offer["reward_share_bps"])[0] == 200
    import_wallet(browser, server, staker.key_file)
    browser.get(server.url + "/portfolio")
    row = browser.find_element(By.CSS_SELECTOR, "#positions tr[data-state=active]")
    row.find_element(By.CSS_SELECTOR, "details.modal summary").click()
    form = row.find_element(By.CSS_SELECTOR, "form.tx[data-tx=unstake]")
    assert "21 days" in form.text
    form.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
    history, text = sign_and_send(browser, form)
    assert history.endswith("sending,approved"), (history, text)
    browser.get(server.url + "/portfolio")
    waiting = browser.find_element(By.CSS_SELECTOR, "#positions tr[data-state=waiting]")
    assert "cooling starts in 7 days" in waiting.find_element(By.CSS_SELECTOR, ".countdown").text
    server.advance(7 * 86_400)
    browser.get(server.url + "/portfolio")
    cooling = browser.find_element(By.CSS_SELECTOR, "#positions tr[data-state=cooling]")
    assert "withdrawable in 14 days" in cooling.find_element(By.CSS_SELECTOR, ".countdown").text
    server.advance(14 * 86_400)
    browser.get(server.url + "/portfolio")
    ready = browser.find_element(By.CSS_SELECTOR, "#positions tr[data-state=withdrawable]")
    before = server.request(f"/v1/accounts/{staker.address}")[1]["available"]
    history, text = sign_and_send(browser, ready.find_element(By.CSS_SELECTOR, "form.tx[data-tx=withdraw]"))
    assert history.endswith("sending,approved"), (history, text)
    after = server.request(f"/v1/accounts/{staker.address}")[1]["available"]
    assert float(after) - float(before) == float(offer["requested_amount"])


def test_owner_stakes_creates_and_retracts_an_offer(server, browser):
    owner = Key(41)
    device = register_device(server, owner)
    import_wallet(browser, server, owner.key_file)
    browser.get(server.url + "/manage")
    card = browser.find_element(By.CSS_SELECTOR, f"article[data-device='{device}']")
    assert "Insufficient stake" in card.text
    card.find_element(By.XPATH, ".//summary[normalize-space()='Stake']").click()
    form = card.find_element(By.CSS_SELECTOR, "form.tx[data-tx=stake]")
    form.find_element(By.NAME, "amount").send_keys("1200")
    history, text = sign_and_send(browser, form)
    assert history.endswith("sending,approved"), (history, text)
    browser.get(server.url + "/manage?stake=sufficient")
    card = browser.find_element(By.CSS_SELECTOR, f"article[data-device='{device}']")
    assert card.find_element(By.CSS_SELECTOR, ".staked").text == "1,200 / 1,200 IO"
    # The wizard: contribution (at most 50%), share (from 5%) with its live estimate, summary.
    card.find_element(By.LINK_TEXT, "Create Co-Staking Offer").click()
    amount = visible(browser, "#w-amount")
    assert amount.get_attribute("value") == "600"
    amount.clear()
    amount.send_keys("700")
    browser.find_element(By.CSS_SELECTOR, "#step1 button[type=submit]").click()
    assert "at most 600 IO" in visible(browser, "#w-amount-error").text
    amount = browser.find_element(By.ID, "w-amount")
    amount.clear()
    amount.send_keys("400")
    browser.find_element(By.CSS_SELECTOR, "#step1 button[type=submit]").click()
    share = visible(browser, "#w-share")
    share.clear()
    share.send_keys("25")
    estimate = browser.find_element(By.ID, "live-estimate").text
    assert re.fullmatch(r"[\d,]+(\.\d+)?|—", estimate), estimate
    browser.find_element(By.CSS_SELECTOR, "#step2 button[type=submit]").click()
    form = visible(browser, "form.tx[data-tx=create_offer]")
    assert "400 IO" in browser.find_element(By.ID, "step3").text and "25%" in browser.find_element(By.ID, "step3").text
    history, text = sign_and_send(browser, form)
    assert history.endswith("sending,approved"), (history, text)
    link = visible(browser, "#offer-created .offer-link")
    assert re.search(r"/offers/[0-9a-f-]{36}$", link.get_attribute("href"))
    browser.get(link.get_attribute("href"))
    assert "400 IO" in browser.find_element(By.ID, "total").text
    browser.get(server.url + "/manage")
    card = browser.find_element(By.CSS_SELECTOR, f"article[data-device='{device}']")
    history, text = sign_and_send(browser, card.find_element(By.CSS_SELECTOR, "form.tx[data-tx=retract_offer]"))
    assert history.endswith("sending,approved"), (history, text)
    browser.get(server.url + "/manage")
    card = browser.find_element(By.CSS_SELECTOR, f"article[data-device='{device}']")
    assert card.find_elements(By.LINK_TEXT, "Create Co-Staking Offer")


def test_owner_withdraws_the_overflow(server, browser):
    owner, taker = Key(42), Key(43)
    device = register_device(server, owner)
    assert owner.send(server, "stake", device_id=device, amount="1200")[0] == 200
    status, created = owner.send(server, "create_offer", device_id=device, requested_amount="600", reward_share_bps=5000)
    assert status == 200, created
    server.operator("/v1/operator/deposits", {"account": taker.address, "amount": "1000"})
    assert taker.send(server, "co_stake", offer_id=created["result"]["offer_id"], requested_amount="600", reward_share_bps=5000)[0] == 200
    import_wallet(browser, server, owner.key_file)
    browser.get(server.url + "/manage")
    card = browser.find_element(By.CSS_SELECTOR, f"article[data-device='{device}']")
    assert card.find_element(By.CSS_SELECTOR, ".overflow").text == "600 IO"
    card.find_element(By.XPATH, ".//summary[normalize-space()='Withdraw overflow']").click()
    form = card.find_element(By.CSS_SELECTOR, "form.tx[data-tx=unstake] input[name=amount][value='600']").find_element(By.XPATH, "./ancestor::form")
    history, text = sign_and_send(browser, form)
    assert history.endswith("sending,approved"), (history, text)
    assert server.request(f"/v1/accounts/{owner.address}")[1]["available"] == "4400"


def test_device_page_has_its_charts_checklist_and_formula(server, browser):
    offer = api_offers(server, sort="reliability", order="desc")["offers"][0]
    browser.get(server.url + f"/devices/{offer['device_id']}")
    assert browser.find_elements(By.CSS_SELECTOR, "#reliability-chart svg rect.bar")
    assert browser.find_elements(By.CSS_SELECTOR, "#rewards-chart svg rect.bar")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#eligibility li")) == 5
    assert "0.40·uptime" in browser.find_element(By.CSS_SELECTOR, "details.formula").text
    assert browser.find_element(By.ID, "reliability").text == f"{offer['reliability']}%"
    browser.get(server.url + "/dashboard")
    bars = browser.find_elements(By.CSS_SELECTOR, "#paid-chart svg rect.bar")
    assert bars and float(bars[-1].get_attribute("height")) > 0, "the last block paid rewards"
    assert browser.find_elements(By.CSS_SELECTOR, "#blocks tbody tr")


PHANTOM = """
(() => {
  const keyFile = %s, address = %s;
  const prefix = [0x30,0x2e,0x02,0x01,0x00,0x30,0x05,0x06,0x03,0x2b,0x65,0x70,0x04,0x22,0x04,0x20];
  const key = crypto.subtle.importKey("pkcs8", new Uint8Array([...prefix, ...keyFile.slice(0, 32)]), {name: "Ed25519"}, false, ["sign"]);
  window.__phantomSigned = [];
  window.solana = {
    isPhantom: true,
    publicKey: null,
    async connect() { this.publicKey = { toString: () => address }; return { publicKey: this.publicKey }; },
    async signMessage(bytes, display) {
      window.__phantomSigned.push(new TextDecoder().decode(bytes));
      return { signature: new Uint8Array(await crypto.subtle.sign({name: "Ed25519"}, await key, bytes)), publicKey: this.publicKey };
    },
  };
})();
"""


def test_an_injected_solana_wallet_signs(server, browser):
    phantom = Key(46)
    server.operator("/v1/operator/deposits", {"account": phantom.address, "amount": "10000"})
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                            {"source": PHANTOM % (json.dumps(phantom.key_file), json.dumps(phantom.address))})
    browser.get(server.url + "/wallet")
    visible(browser, "#connect-phantom").click()
    wait(browser, lambda d: "injected wallet" in d.find_element(By.ID, "wallet-state").text)
    assert browser.find_element(By.ID, "address").text == phantom.address
    offer = takeable_offers(server, phantom, 1)[0]
    browser.get(server.url + f"/offers/{offer['offer_id']}")
    history, text = sign_and_send(browser, visible(browser, "form.tx[data-tx=co_stake]"))
    assert history == "confirm,sending,approved", (history, text)
    signed = browser.execute_script("return window.__phantomSigned")
    assert len(signed) == 1 and json.loads(signed[0])["type"] == "co_stake"
    assert json.loads(signed[0])["signer"] == phantom.address


def test_pages_read_without_javascript(server, browser):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(server.url + "/")
    assert rows(browser)
    first = rows(browser)[0].find_element(By.CSS_SELECTOR, "td a").get_attribute("href")
    browser.get(first)
    assert "Estimated block reward earning per block" in browser.page_source
    assert browser.find_element(By.ID, "per-block").text.startswith("~")


def test_readable_on_a_phone_sized_screen(server, browser):
    browser.set_window_size(390, 844)
    for path in ("/", "/dashboard", "/wallet"):
        browser.get(server.url + path)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 392, (path, width)
    browser.get(server.url + "/")
    for label in browser.find_elements(By.CSS_SELECTOR, "select, input:not([type=hidden])"):
        labelled = label.get_attribute("id") and browser.find_elements(By.CSS_SELECTOR, f"label[for='{label.get_attribute('id')}']")
        assert labelled, label.get_attribute("name")
