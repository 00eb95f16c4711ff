// costake web app: the wallet (an injected Solana wallet such as Phantom, or a built-in
// Ed25519 key made with WebCrypto and kept in this browser) and signed transactions
// (SPEC §9). Pages are rendered by the server and readable without this script; it adds
// signing, copying and the live estimate of the offer wizard. Nothing is loaded from elsewhere.
"use strict";

const Costake = (() => {
  const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  const STORE_KEY = "costake.wallet";          // the built-in key: a Solana key file (64 numbers)
  const KIND_KEY = "costake.wallet.kind";      // "builtin" or "injected"
  const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

  /** Base58 (Bitcoin alphabet) of bytes. */
  function base58(bytes) {
    let n = 0n;
    for (const b of bytes) n = n * 256n + BigInt(b);
    let out = "";
    while (n > 0n) { out = ALPHABET[Number(n % 58n)] + out; n /= 58n; }
    for (const b of bytes) { if (b !== 0) break; out = "1" + out; }
    return out;
  }

  /** An amount in base units (BigInt) written as IO with thousands separators, exact. */
  function io(units) {
    const negative = units < 0n;
    if (negative) units = -units;
    const whole = (units / 100000000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    let fraction = (units % 100000000n).toString().padStart(8, "0").replace(/0+$/, "");
    return (negative ? "-" : "") + whole + (fraction ? "." + fraction : "");
  }

  // ---- the built-in wallet ----

  async function builtinFromKeyFile(numbers) {
    if (!Array.isArray(numbers) || numbers.length !== 64 || numbers.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) {
      throw new Error("A key file is a JSON array of 64 numbers from 0 to 255 (32-byte seed, then 32-byte public key).");
    }
    const seed = numbers.slice(0, 32);
    const key = await crypto.subtle.importKey("pkcs8", new Uint8Array([...PKCS8_PREFIX, ...seed]), { name: "Ed25519" }, true, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", key);
    const publicKey = Uint8Array.from(atob(jwk.x.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    if (numbers.slice(32).some((n, i) => n !== publicKey[i])) {
      throw new Error("The key file's public half does not belong to its seed.");
    }
    return {
      kind: "builtin",
      address: base58(publicKey),
      keyFile: numbers,
      async sign(bytes) { return new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, key, bytes)); },
    };
  }

  async function createBuiltin() {
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    return [...pkcs8.slice(pkcs8.length - 32), ...raw];
  }

  // ---- the injected wallet (Phantom and others with window.solana) ----

  function injectedProvider() {
    const provider = window.phantom?.solana ?? window.solana;
    return provider && typeof provider.signMessage === "function" ? provider : null;
  }

  async function injected() {
    const provider = injectedProvider();
    if (!provider) throw new Error("No Solana wallet is installed in this browser.");
    const answer = await provider.connect();
    const publicKey = answer?.publicKey ?? provider.publicKey;
    return {
      kind: "injected",
      address: publicKey.toString(),
      async sign(bytes) {
        const signed = await provider.signMessage(bytes, "utf8");
        return new Uint8Array(signed.signature ?? signed);
      },
    };
  }

  /** The wallet the user chose, or null. */
  async function current() {
    const kind = localStorage.getItem(KIND_KEY);
    if (kind === "injected" && injectedProvider()) return injected();
    const stored = localStorage.getItem(STORE_KEY);
    if (kind === "builtin" && stored) return builtinFromKeyFile(JSON.parse(stored));
    return null;
  }

  function remember(wallet) {
    localStorage.setItem(KIND_KEY, wallet.kind);
    if (wallet.keyFile) localStorage.setItem(STORE_KEY, JSON.stringify(wallet.keyFile));
    document.cookie = `costake_account=${wallet.address}; path=/; max-age=31536000; SameSite=Lax`;
  }

  function forget() {
    localStorage.removeItem(KIND_KEY);
    document.cookie = "costake_account=; path=/; max-age=0; SameSite=Lax";
  }

  // ---- signed transactions ----

  async function api(path, body) {
    const response = await fetch(path, body === undefined ? {} : {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(json?.error?.message ?? `The server answered ${response.status}.`);
      error.code = json?.error?.code;
      throw error;
    }
    return json;
  }

  /** The SPEC §9 message text: network, type, signer, nonce, expires_at, then the parameters. */
  async function compose(type, signer, parameters) {
    const status = await api("/v1/status");
    const expires = new Date(Date.parse(status.now) + 5 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const nonce = crypto.randomUUID();
    return JSON.stringify({ network: status.network, type, signer, nonce, expires_at: expires, ...parameters });
  }

  function parametersOf(form) {
    const parameters = {};
    for (const input of form.querySelectorAll("[data-param]")) {
      let value = input.value.trim();
      if (value === "" && input.hasAttribute("data-optional")) continue;
      if (input.dataset.kind === "int") { parameters[input.name] = Number.parseInt(value, 10); continue; }
      if (/amount/.test(input.name)) value = value.replace(/[,\s_]/g, "");
      parameters[input.name] = value;
    }
    return parameters;
  }

  function describe(form, parameters) {
    return (form.dataset.describe || "").replace(/\{(\w+)\}/g, (_, name) => parameters[name] ?? "all");
  }

  function statusBox(form) { return form.querySelector(".tx-status"); }

  function show(form, state, html) {
    const box = statusBox(form);
    box.hidden = false;
    box.dataset.state = state;
    box.dataset.history = (box.dataset.history ? box.dataset.history + "," : "") + state;
    box.setAttribute("role", state === "failed" ? "alert" : "status");
    box.innerHTML = html;
  }

  function escape(text) {
    return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  }

  async function submit(form) {
    const box = statusBox(form);
    box.dataset.history = "";
    let wallet;
    try {
      wallet = await current();
    } catch (error) {
      return show(form, "failed", `<p class="error">${escape(error.message)}</p>`);
    }
    if (!wallet) return show(form, "failed", `<p class="error">Connect a wallet first: <a href="/wallet">Wallet</a>.</p>`);
    const parameters = parametersOf(form);
    const words = describe(form, parameters);
    let message;
    try {
      message = await compose(form.dataset.tx, wallet.address, parameters);
    } catch (error) {
      return show(form, "failed", `<p class="error">${escape(error.message)}</p>`);
    }
    show(form, "confirm", `<p class="signing"><strong>You are signing:</strong> ${escape(words)}</p>
      <p class="muted small">As account <code>${escape(wallet.address)}</code>. The exact message:</p>
      <pre class="message">${escape(message)}</pre>
      <button type="button" class="sign">Sign and send</button> <button type="button" class="cancel secondary">Cancel</button>`);
    box.querySelector(".cancel").onclick = () => { box.hidden = true; box.dataset.state = "cancelled"; };
    box.querySelector(".sign").onclick = async () => {
      let signature;
      try {
        signature = base58(await wallet.sign(new TextEncoder().encode(message)));
      } catch (error) {
        return show(form, "failed", `<p class="error">The wallet did not sign: ${escape(error.message)}</p>`);
      }
      show(form, "sending", `<p class="sending">Sending…</p>`);
      try {
        const answer = await api("/v1/transactions", { message, signature });
        const result = Object.entries(answer.result ?? {}).map(([k, v]) => `${escape(k)}: <code>${escape(v)}</code>`).join(", ");
        show(form, "approved", `<p class="approved"><strong>Approved!</strong> ${result}</p>
          <p><a href="/v1/transactions/${escape(answer.signature)}">View transaction</a> · <a href="${escape(location.pathname + location.search)}">Reload the page to see the change</a></p>`);
        after(form, answer);
      } catch (error) {
        show(form, "failed", `<p class="error"><strong>Refused:</strong> ${escape(error.message)}${error.code ? ` <code>${escape(error.code)}</code>` : ""}</p>`);
      }
    };
  }

  function after(form, answer) {
    if (form.dataset.after === "offer-created" && answer.result?.offer_id) {
      const section = document.getElementById("offer-created");
      const link = section.querySelector(".offer-link");
      link.href = `/offers/${answer.result.offer_id}`;
      link.textContent = new URL(link.href, location.href).href;
      section.hidden = false;
    }
  }

  // ---- the page ----

  function copy(text, button) {
    const done = () => { button.textContent = "Copied"; setTimeout(() => { button.textContent = button.dataset.label; }, 1500); };
    button.dataset.label = button.dataset.label || button.textContent;
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, done); else done();
  }

  function wireCopies() {
    for (const button of document.querySelectorAll("[data-copy], [data-copy-link], [data-copy-from]")) {
      button.addEventListener("click", () => {
        const text = button.dataset.copy
          ?? (button.dataset.copyLink ? new URL(button.dataset.copyLink, location.href).href : document.querySelector(button.dataset.copyFrom)?.href);
        copy(text ?? "", button);
      });
    }
  }

  function wireForms() {
    for (const form of document.querySelectorAll("form.tx")) {
      form.addEventListener("submit", (event) => { event.preventDefault(); submit(form); });
    }
  }

  function wireWizard() {
    const form = document.getElementById("step2");
    if (!form) return;
    const input = document.getElementById("w-share");
    const out = document.getElementById("live-estimate");
    const basis = BigInt(form.dataset.basis);
    const update = () => {
      const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.value.trim());
      if (!match) { out.textContent = "—"; return; }
      const bps = BigInt(match[1]) * 100n + BigInt((match[2] ?? "").padEnd(2, "0") || "0");
      out.textContent = bps < 500n || bps > 10000n ? "—" : io(basis * bps / 10000n);
    };
    input.addEventListener("input", update);
  }

  async function wireWallet() {
    const page = document.getElementById("wallet");
    if (!page) return;
    const state = document.getElementById("wallet-state");
    const error = document.getElementById("wallet-error");
    const fail = (e) => { error.hidden = false; error.textContent = e.message; };
    const render = async () => {
      let wallet = null;
      try { wallet = await current(); } catch (e) { fail(e); }
      document.getElementById("connect-phantom").hidden = !injectedProvider();
      document.getElementById("export-key").hidden = !(wallet && wallet.keyFile);
      document.getElementById("disconnect").hidden = !wallet;
      document.getElementById("faucet-box").hidden = !(wallet && page.dataset.faucet === "true");
      state.innerHTML = wallet
        ? `Connected: <code id="address">${escape(wallet.address)}</code> (${wallet.kind === "injected" ? "injected wallet" : "browser wallet"}) · <a href="/portfolio">My co-stakes</a> · <a href="/manage">My devices</a>`
        : (injectedProvider() ? "A Solana wallet is installed: connect it, or use a browser wallet." : "No wallet connected.");
      return wallet;
    };
    const adopt = async (wallet) => { remember(wallet); error.hidden = true; await render(); };
    document.getElementById("connect-phantom").onclick = () => injected().then(adopt, fail);
    document.getElementById("create-wallet").onclick = async () => {
      try { await adopt(await builtinFromKeyFile(await createBuiltin())); } catch (e) { fail(e); }
    };
    document.getElementById("import-key").onchange = async (event) => {
      try { await adopt(await builtinFromKeyFile(JSON.parse(await event.target.files[0].text()))); } catch (e) { fail(e); }
    };
    document.getElementById("export-key").onclick = async () => {
      const wallet = await current();
      const blob = new Blob([JSON.stringify(wallet.keyFile)], { type: "application/json" });
      const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: `costake-${wallet.address}.json` });
      link.click();
    };
    document.getElementById("disconnect").onclick = async () => { forget(); await render(); };
    document.getElementById("faucet").onclick = async () => {
      const out = document.getElementById("faucet-status");
      try {
        const wallet = await current();
        const answer = await api("/v1/faucet", { account: wallet.address });
        out.textContent = `Paid 10,000 IO. Available now: ${answer.available} IO.`;
      } catch (e) { out.textContent = e.message; }
    };
    await render();
  }

  return { base58, io, compose, current, builtinFromKeyFile, start() { wireCopies(); wireForms(); wireWizard(); wireWallet(); } };
})();

document.addEventListener("DOMContentLoaded", () => Costake.start());
