/*! Rebound storefront script. One tag: <script async src="https://REBOUND/widget.js" data-key="pk_…" data-page="cart"></script>
 * Tracks views, cart changes and identification for abandonment detection, and shows the on-site tactics the
 * server enables for this visitor (chat, prompts, exit offer, badge, cart and product slots).
 * Vanilla JavaScript, no build step, no cookies beyond localStorage, no third-party requests.
 * No layout shift: overlays are fixed-position and inserted after load; inline content goes only into
 * [data-rebound-slot] elements the shop placed itself. */
(function () {
  "use strict";
  if (window.Rebound && window.Rebound._loaded) return;
  var script = document.currentScript || document.querySelector("script[data-key][src*='widget.js']");
  var key = script && script.getAttribute("data-key");
  if (!key) { if (window.console) console.warn("Rebound: the script tag needs data-key"); return; }
  var base = script.src.replace(/\/widget\.js(\?.*)?$/, "");
  var endpoint = base + "/v1/track";
  var STORE = "rebound:";
  var stub = window.Rebound || {};

  // Tests define window.ReboundClock and advance it by hand, so that no test waits for real time.
  // Every timer and timestamp in this script goes through `clock`.
  var clock = window.ReboundClock || {
    now: function () { return Date.now(); },
    setTimeout: function (fn, ms) { return window.setTimeout(fn, ms); },
    clearTimeout: function (id) { window.clearTimeout(id); }
  };

  function store(name, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(STORE + name);
      if (value === null) window.localStorage.removeItem(STORE + name);
      else window.localStorage.setItem(STORE + name, value);
    } catch (e) { return null; }
  }
  function parse(text) { try { return JSON.parse(text); } catch (e) { return null; } }
  function enc(value) { return encodeURIComponent(value); }
  function randomId(prefix) {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    var text = "";
    for (var i = 0; i < bytes.length; i++) text += ("0" + bytes[i].toString(16)).slice(-2);
    return prefix + text;
  }
  var anonymousId = store("anonymous_id");
  if (!anonymousId) { anonymousId = randomId("anon_"); store("anonymous_id", anonymousId); }
  function device() {
    var ua = navigator.userAgent || "";
    if (/iPad|Tablet/i.test(ua)) return "tablet";
    return /Mobi|Android|iPhone/i.test(ua) ? "mobile" : "desktop";
  }

  // ---- Event tracking: batched POST /v1/track, sendBeacon when the page goes away ----

  var queue = [];
  var timer = null;
  function flush(useBeacon) {
    if (timer) clock.clearTimeout(timer);
    timer = null;
    if (!queue.length) return;
    var body = JSON.stringify({ public_key: key, events: queue.splice(0, 100) });
    if (useBeacon && navigator.sendBeacon) {
      // text/plain keeps sendBeacon a "simple" request: no CORS preflight.
      if (navigator.sendBeacon(endpoint, new Blob([body], { type: "text/plain" }))) return;
    }
    try {
      fetch(endpoint, { method: "POST", body: body, keepalive: true, headers: { "Content-Type": "text/plain" }, credentials: "omit" })
        .catch(function () {});
    } catch (e) {}
  }
  function track(type, properties, customer) {
    var props = properties || {};
    props.device = props.device || device();
    props.url = props.url || location.href;
    if (/^(page_viewed|viewed_product|viewed_cart|added_to_cart|removed_from_cart|started_checkout)$/.test(type)) countVisit(type);
    var event = { id: randomId("evt_"), type: type, anonymous_id: anonymousId, occurred_at: new Date(clock.now()).toISOString(), properties: props };
    if (customer) event.customer = customer;
    queue.push(event);
    if (!timer) timer = clock.setTimeout(function () { timer = null; flush(false); }, 300);
    return event.id;
  }

  // The visit so far, counted as the server cuts visits (30 minutes without an event starts a new one): the
  // risk model's inputs when the shop times the proactive chat by it.
  var visit = parse(store("visit"));
  function countVisit(type) {
    var now = clock.now();
    if (!visit || now - visit.last > 1800000) visit = { start: now, last: now, c: {}, returning: !!visit };
    visit.last = now;
    visit.c[type] = (visit.c[type] || 0) + 1;
    store("visit", JSON.stringify(visit));
  }
  function riskTiming(t, done) {
    if (!t.risk_timing || !visit || !window.fetch) return done(null);
    var c = visit.c;
    fetch(base + "/v1/widget/risk?key=" + enc(key), { method: "POST", credentials: "omit", headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({
        page_views: (c.page_viewed || 0) + (c.viewed_product || 0) + (c.viewed_cart || 0), product_views: c.viewed_product || 0,
        cart_views: c.viewed_cart || 0, cart_adds: c.added_to_cart || 0, cart_removes: c.removed_from_cart || 0,
        minutes: (visit.last - visit.start) / 60000, cart_value: cartTotal() / 100, checkout: !!c.started_checkout,
        returning: visit.returning, device: device(), at: new Date(visit.start).toISOString()
      }) })
      .then(function (r) { return r.ok ? r.json() : null; }).then(done, function () { done(null); });
  }

  function cartToken() {
    var token = store("cart_token");
    if (!token) { token = randomId("cart_"); store("cart_token", token); }
    return token;
  }
  function merge(target, extra) {
    for (var k in extra) if (Object.prototype.hasOwnProperty.call(extra, k)) target[k] = extra[k];
    return target;
  }
  function cartProps(extra) { return merge({ cart_token: cartToken() }, extra); }

  // ---- The script's own view of the cart: the free-shipping bar and the chat need its total ----

  // Persisted, so that the cart page knows the total even when the shop reports additions on product pages only.
  var cart = parse(store("cart")) || { lines: [] };
  function lineOf(p) {
    return { product_id: String(p.product_id), variant_id: p.variant_id || null, title: p.title || null, price: Math.max(0, +p.price || 0), quantity: Math.max(1, +p.quantity || 1) };
  }
  function sameLine(a, b) { return a.product_id === String(b.product_id) && (a.variant_id || null) === (b.variant_id || null); }
  function cartTotal() {
    var total = 0;
    for (var i = 0; i < cart.lines.length; i++) total += cart.lines[i].price * cart.lines[i].quantity;
    return total;
  }
  function changeCart(p, sign) {
    if (!p || p.product_id == null) return;
    for (var i = 0; i < cart.lines.length; i++) if (sameLine(cart.lines[i], p)) break;
    var line = cart.lines[i];
    if (sign > 0 && line) { line.quantity += lineOf(p).quantity; if (p.price != null) line.price = lineOf(p).price; }
    else if (sign > 0) cart.lines.push(lineOf(p));
    else if (line && p.quantity != null && line.quantity > +p.quantity) line.quantity -= +p.quantity;
    else if (line) cart.lines.splice(i, 1);
    cartChanged();
  }
  function cartChanged() {
    store("cart", JSON.stringify(cart));
    renderFreeShipping();
  }

  // ---- Page context ----

  function pageName(name) { return /^(cart|product|checkout|thank_you)$/.test(name) ? name : "other"; }
  var productEl = document.querySelector("[data-rebound-product]");
  var productId = script.getAttribute("data-product-id") || (productEl && productEl.getAttribute("data-rebound-product")) || null;
  var page = pageName(script.getAttribute("data-page") || (productId ? "product" : "other"));

  // ---- Tactics: settings, exposure and interaction events ----

  var config = null;
  var S = null; // the strings of the shop's language
  var exposed = {};
  var shown = [];
  var agentsOnline = false;

  function tactic(name) {
    var t = config && config.tactics && config.tactics[name];
    return t && t.enabled !== false ? t : null;
  }
  // Counts the exposure once per page view. A holdout visitor is counted but sees nothing, so that reports
  // can compare the groups. Returns the tactic's settings when it is to be shown.
  function expose(name, extra) {
    var t = tactic(name);
    if (!t || exposed[name]) return null;
    exposed[name] = t.variant === "holdout" ? "holdout" : "on";
    track("widget_exposure", merge({ tactic: name, variant: exposed[name] }, extra));
    if (exposed[name] === "holdout") return null;
    shown.push(name);
    return t;
  }
  function interaction(name, action, extra) {
    track("widget_interaction", merge({ tactic: name, action: action }, extra));
  }

  var STRINGS = {
    de: {
      openChat: "Chat öffnen", closeChat: "Chat schließen", close: "Schließen", send: "Senden", message: "Ihre Nachricht",
      online: "Wir sind online", offline: "Wir melden uns bald", typing: "schreibt …", sending: "Wird gesendet …", sent: "Gesendet", read: "Gelesen",
      you: "Sie", bot: "Assistent", leaveContact: "Hinterlassen Sie uns E-Mail oder Telefon, wir melden uns.", email: "E-Mail", phone: "Telefon",
      contactSent: "Danke! Wir melden uns bei Ihnen.", needContact: "Bitte E-Mail oder Telefon angeben.",
      csat: "Wie zufrieden waren Sie mit unserer Hilfe?", star: "{n} von 5", comment: "Kommentar (optional)", csatThanks: "Danke für Ihre Bewertung!",
      attach: "Bild anhängen", image: "Bild", tooBig: "Bilder bis 5 MB, bitte.", uploadFailed: "Das Bild konnte nicht gesendet werden.",
      offerTitle: "Bevor Sie gehen …", code: "Ihr Gutscheincode", copy: "Code kopieren", copied: "Kopiert!", noThanks: "Nein danke",
      ask: "Frage stellen", botIntro: "Stellen Sie Ihre Frage – unser Assistent antwortet sofort.", proactive: "Fragen zu Ihrem Warenkorb?",
      welcome: "Willkommen zurück! Noch Fragen?", free: "Kostenloser Versand!", toFree: "Noch {a} bis zum kostenlosen Versand",
      addFor: "{t} ({p}) hinzufügen – dann ist der Versand kostenlos", add: "Hinzufügen", added: "Hinzugefügt", addons: "Passend dazu", together: "Wird oft zusammen gekauft", complete: "Passend zu Ihrem Warenkorb",
      offer: "Noch {t} für {p} zu Ihrer Bestellung?", offerAdd: "Mit einem Klick hinzufügen", offerUntil: "Angebot gilt bis {t}",
      offerAdded: "Hinzugefügt – es kommt mit Ihrer Bestellung.", offerFailed: "Das hat nicht geklappt.",
      delivery: "Lieferung: ", proof1: "{n} Person hat diesen Artikel in den letzten {h} Stunden gekauft",
      proofN: "{n} Personen haben diesen Artikel in den letzten {h} Stunden gekauft"
    },
    en: {
      openChat: "Open chat", closeChat: "Close chat", close: "Close", send: "Send", message: "Your message",
      online: "We are online", offline: "We will get back to you soon", typing: "is typing …", sending: "Sending …", sent: "Sent", read: "Read",
      you: "You", bot: "Assistant", leaveContact: "Leave your email or phone and we will get back to you.", email: "Email", phone: "Phone",
      contactSent: "Thank you! We will get back to you.", needContact: "Please enter an email or a phone number.",
      csat: "How satisfied were you with our help?", star: "{n} of 5", comment: "Comment (optional)", csatThanks: "Thank you for your rating!",
      attach: "Attach an image", image: "Image", tooBig: "Images up to 5 MB, please.", uploadFailed: "The image could not be sent.",
      offerTitle: "Before you go …", code: "Your discount code", copy: "Copy code", copied: "Copied!", noThanks: "No, thanks",
      ask: "Ask a question", botIntro: "Ask your question – our assistant answers right away.", proactive: "Questions about your cart?",
      welcome: "Welcome back! Any questions?", free: "Free shipping!", toFree: "{a} to free shipping",
      addFor: "Add {t} ({p}) to get free shipping", add: "Add", added: "Added", addons: "Goes well with", together: "Frequently bought together", complete: "Goes with your cart",
      offer: "Add {t} for {p} to your order?", offerAdd: "Add with one click", offerUntil: "Offer ends at {t}",
      offerAdded: "Added – it ships with your order.", offerFailed: "That didn't work.",
      delivery: "Delivery: ", proof1: "{n} person bought this in the last {h} hours",
      proofN: "{n} people bought this in the last {h} hours"
    }
  };
  // "{a} to free shipping" → [value of a, " to free shipping"]; values may be DOM nodes (a link inside a sentence).
  function parts(template, values) {
    var pieces = template.split(/\{(\w)\}/);
    for (var i = 1; i < pieces.length; i += 2) pieces[i] = values[pieces[i]];
    return pieces;
  }
  function fmt(template, values) { return parts(template, values).join(""); }
  function locale() { return (config.shop && config.shop.locale) || document.documentElement.lang || "de"; }
  function money(minor) {
    var currency = ((config.shop && config.shop.currency) || "EUR").toUpperCase();
    try {
      var format = new Intl.NumberFormat(locale(), { style: "currency", currency: currency });
      return format.format(minor / Math.pow(10, format.resolvedOptions().maximumFractionDigits));
    } catch (e) { return (minor / 100).toFixed(2) + " " + currency; }
  }
  function getJSON(path, params, done) {
    var query = "?key=" + enc(key);
    for (var k in params) query += "&" + k + "=" + enc(params[k]);
    try {
      fetch(base + path + query, { credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(done, function () { done(null); });
    } catch (e) { done(null); }
  }

  // ---- DOM helpers: text goes in through textContent only, never innerHTML ----

  function h(tag, attrs, kids) {
    var node = document.createElement(tag);
    for (var k in attrs) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (var i = 0; kids && i < kids.length; i++) {
      if (kids[i] != null) node.appendChild(typeof kids[i] === "object" ? kids[i] : document.createTextNode(kids[i]));
    }
    return node;
  }
  function button(cls, text, onclick, attrs) {
    var b = h("button", attrs || {}, [text]);
    b.type = "button";
    b.className = cls;
    b.addEventListener("click", onclick);
    return b;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function slot(name) { return document.querySelector('[data-rebound-slot="' + name + '"]'); }
  function fill(node, kids) { clear(node); node.appendChild(h("div", { "class": "rb-slot" }, kids)); }
  function safeUrl(url) { return typeof url === "string" && /^(https?:\/\/|\/)/i.test(url) ? url : null; }
  function remove(node) { if (node && node.parentNode) node.parentNode.removeChild(node); }
  function trapFocus(container, e) {
    if (e.key !== "Tab") return;
    var items = container.querySelectorAll("button:not([disabled]),input,textarea,a[href]");
    var first = items[0], last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) { last.focus(); e.preventDefault(); }
    else if (!e.shiftKey && document.activeElement === last) { first.focus(); e.preventDefault(); }
  }

  var CSS = ".rb-root{font:14px/1.4 system-ui,sans-serif;color:#1b1b1b}" +
    ".rb-root *,.rb-slot *{box-sizing:border-box}.rb-root [hidden],.rb-slot [hidden]{display:none!important}" +
    ".rb-root :focus-visible,.rb-slot :focus-visible{outline:3px solid #1a73e8;outline-offset:2px}" +
    ".rb-btn{background:var(--rb-primary);color:var(--rb-text);border:0;border-radius:6px;padding:8px 12px;font:inherit;cursor:pointer}" +
    ".rb-btn[disabled]{opacity:.6;cursor:default}.rb-small{padding:4px 10px;margin-left:8px}" +
    ".rb-link{background:none;border:0;color:inherit;text-decoration:underline;font:inherit;cursor:pointer;padding:6px}" +
    ".rb-close{background:none;border:0;color:inherit;font-size:22px;line-height:1;cursor:pointer;padding:2px 8px}" +
    ".rb-fixed{position:fixed;z-index:2147483000;box-shadow:0 4px 18px rgba(0,0,0,.22)}" +
    ".rb-launcher{right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:var(--rb-primary);color:var(--rb-text);cursor:pointer}" +
    ".rb-launcher svg{width:26px;height:26px;fill:currentColor;vertical-align:middle}" +
    ".rb-unread{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#c62828;color:#fff;font-size:12px;line-height:20px}" +
    ".rb-faq{right:86px;bottom:30px;border-radius:18px;padding:8px 14px}" +
    ".rb-bubble{right:20px;bottom:88px;max-width:300px;background:#fff;border-radius:12px;padding:12px 12px 12px 16px;display:flex;gap:8px;align-items:flex-start}" +
    ".rb-bubble p{margin:0 0 10px}" +
    ".rb-badge{left:20px;bottom:20px;background:#fff;color:#1b1b1b;border:0;border-radius:18px;padding:8px 14px;font:inherit;cursor:pointer}" +
    ".rb-dot{display:inline-block;width:9px;height:9px;border-radius:50%;background:#9e9e9e;margin-right:8px}.rb-on .rb-dot{background:#1e9e4a}" +
    ".rb-panel{right:20px;bottom:88px;width:360px;max-width:calc(100vw - 24px);height:520px;max-height:calc(100vh - 110px);background:#fff;border-radius:12px;display:flex;flex-direction:column;overflow:hidden}" +
    ".rb-head{background:var(--rb-primary);color:var(--rb-text);padding:10px 8px 10px 14px;display:flex;justify-content:space-between;align-items:flex-start}" +
    ".rb-head h2{font-size:16px;margin:0}.rb-head p{margin:2px 0 0;font-size:12px;opacity:.9}" +
    ".rb-log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}" +
    ".rb-msg{max-width:82%;padding:8px 10px;border-radius:10px;background:#f0f0f0;white-space:pre-wrap;overflow-wrap:anywhere;align-self:flex-start}" +
    ".rb-msg.rb-shopper{align-self:flex-end;background:var(--rb-primary);color:var(--rb-text)}" +
    ".rb-who,.rb-meta{display:block;font-size:11px;opacity:.75}.rb-msg a{color:inherit;display:block}.rb-note{font-size:12px;color:#555;text-align:center;margin:0}" +
    ".rb-typing{margin:0;padding:0 12px 6px;font-size:12px;color:#555}" +
    ".rb-box{padding:10px 12px;border-top:1px solid #e3e3e3}.rb-box p{margin:0 0 6px}" +
    ".rb-box input,.rb-box textarea,.rb-form textarea{width:100%;font:inherit;padding:6px 8px;border:1px solid #bbb;border-radius:6px;margin-bottom:6px}" +
    ".rb-stars{display:flex;gap:6px;margin-bottom:6px}.rb-stars button{flex:1;padding:6px 0;border:1px solid #bbb;border-radius:6px;background:#fff;font:inherit;cursor:pointer}" +
    ".rb-stars button[aria-pressed=true]{background:var(--rb-primary);color:var(--rb-text)}" +
    ".rb-form{display:flex;gap:6px;padding:8px;border-top:1px solid #e3e3e3}.rb-form textarea{margin:0;resize:none}" +
    ".rb-img{display:block;max-width:100%;max-height:240px;margin-top:4px;border-radius:6px}.rb-attach{padding:8px 10px}" +
    ".rb-backdrop{position:fixed;inset:0;z-index:2147483001;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center}" +
    ".rb-dialog{background:#fff;border-radius:12px;padding:24px;width:calc(100% - 32px);max-width:380px;text-align:center}" +
    ".rb-dialog h2{margin:0 0 8px;font-size:20px}.rb-code{display:block;width:100%;margin:14px 0;padding:8px;border:2px dashed var(--rb-primary);font:700 22px monospace;letter-spacing:2px;text-align:center}" +
    ".rb-bar{height:8px;background:#e5e5e5;border-radius:4px;overflow:hidden;margin:4px 0}.rb-bar span{display:block;height:100%;background:var(--rb-primary)}" +
    ".rb-slot p{margin:4px 0}.rb-slot ul{list-style:none;margin:0;padding:0}.rb-slot li{margin:4px 0}" +
    ".rb-sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

  var root = null;
  var live = null;
  function announce(text) { if (live) { live.textContent = ""; live.textContent = text; } }

  // ---- Bubble: proactive chat prompt and welcome back; announced, but never steals focus ----

  var bubble = null;
  function showBubble(name, text) {
    closeBubble();
    var node = h("aside", { "class": "rb-bubble rb-fixed", "aria-label": text }, [
      h("div", {}, [h("p", { text: text }), button("rb-btn", S.openChat, function () { interaction(name, "opened"); closeBubble(); openChat(); })]),
      button("rb-close", "×", function () { closeBubble("dismissed"); }, { "aria-label": S.close })
    ]);
    bubble = { node: node, tactic: name };
    root.appendChild(node);
    announce(text);
  }
  function closeBubble(action) {
    if (!bubble) return;
    if (action) interaction(bubble.tactic, action);
    remove(bubble.node);
    bubble = null;
  }

  var proactiveTimer = null;
  function armProactiveChat() {
    var t = tactic("proactive_chat");
    if (!t || page !== "cart" || proactiveTimer) return;
    proactiveTimer = true;
    riskTiming(t, function (risk) {
      if (risk && risk.prompt === false) return; // likely to buy anyway: no interruption
      var delay = risk && risk.delay_seconds != null ? +risk.delay_seconds : t.delay_seconds != null ? +t.delay_seconds : 45;
      proactiveTimer = clock.setTimeout(function () {
        if (chat.open || page !== "cart") return; // the shopper already found the chat: nothing to prompt, in either group
        var on = expose("proactive_chat");
        if (on) showBubble("proactive_chat", on.text || S.proactive);
      }, delay * 1000);
    });
  }

  function welcomeBack() {
    if (!/[?&]rb_welcome=1(&|$)/.test(location.search)) return;
    var on = expose("welcome_back");
    try {
      // A reload or a shared link must not greet again.
      var url = new URL(location.href);
      url.searchParams["delete"]("rb_welcome");
      history.replaceState(history.state, "", url.toString());
    } catch (e) {}
    if (!on) return;
    track("welcome_back_shown", {});
    showBubble("welcome_back", on.text || S.welcome);
  }

  // The "questions? chat with us" link in messages lands with rb_chat=1: open the chat with the cart as context.
  function chatFromLink() {
    if (!/[?&]rb_chat=1(&|$)/.test(location.search)) return;
    try {
      var url = new URL(location.href);
      url.searchParams["delete"]("rb_chat");
      history.replaceState(history.state, "", url.toString());
    } catch (e) {}
    track("widget_interaction", { tactic: "chat_link", action: "opened" });
    openChat();
  }

  // ---- Exit intent: a modal offer with the code; at most once per period ----

  var offer = null;
  var exitArmed = false;
  function armExitIntent() {
    var t = tactic("exit_intent");
    if (!t || exitArmed) return;
    exitArmed = true;
    function fire(trigger) {
      var t = tactic("exit_intent");
      if (!t || exposed.exit_intent) return;
      var last = +store("exit_intent_at") || 0;
      var period = (t.period_days != null ? +t.period_days : 7) * 864e5;
      if (last && clock.now() - last < period) return;
      store("exit_intent_at", String(clock.now())); // both groups, so that they stay comparable
      var on = expose("exit_intent", { trigger: trigger });
      if (on) showOffer(on);
    }
    document.addEventListener("mouseout", function (e) { if (!e.relatedTarget && e.clientY <= 0) fire("pointer"); });
    if (device() === "desktop") return;
    // Mobile has no pointer leaving the window: a quick flick up towards the address bar, or switching tabs, stands in.
    var fromY = window.scrollY, fromT = clock.now();
    window.addEventListener("scroll", function () {
      var y = window.scrollY, t = clock.now();
      if (y >= fromY || t - fromT > 500) { fromY = y; fromT = t; }
      else if (fromY - y > 250) fire("scroll_up");
    }, { passive: true });
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") fire("tab_hidden"); });
  }
  function showOffer(t) {
    var restore = document.activeElement;
    var code = h("input", { "class": "rb-code", readonly: true, value: t.code || "", "aria-label": S.code });
    var copy = button("rb-btn", S.copy, function () {
      code.select();
      var done = function () { copy.textContent = S.copied; announce(S.copied); };
      try {
        navigator.clipboard.writeText(t.code).then(done, function () { document.execCommand("copy"); done(); });
      } catch (e) { document.execCommand("copy"); done(); }
      interaction("exit_intent", "code_copied");
    });
    var dialog = h("div", { "class": "rb-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": "rb-offer-title", "aria-describedby": "rb-offer-text" }, [
      h("h2", { id: "rb-offer-title", text: S.offerTitle }),
      h("p", { id: "rb-offer-text", text: t.text || "" }),
      code, copy, h("br"),
      button("rb-link", S.noThanks, function () { closeOffer("dismissed"); })
    ]);
    dialog.addEventListener("keydown", function (e) { trapFocus(dialog, e); });
    var backdrop = h("div", { "class": "rb-backdrop" }, [dialog]);
    backdrop.addEventListener("click", function (e) { if (e.target === backdrop) closeOffer("dismissed"); });
    offer = { node: backdrop, restore: restore };
    root.appendChild(backdrop);
    copy.focus();
  }
  function closeOffer(action) {
    if (!offer) return;
    interaction("exit_intent", action);
    remove(offer.node);
    if (offer.restore && offer.restore.focus) offer.restore.focus();
    offer = null;
  }

  // ---- Checkout support badge with the live status ----

  var badge = null;
  function supportBadge() {
    if (page !== "checkout" || badge || !expose("support_badge")) return;
    badge = button("rb-badge rb-fixed", null, function () { interaction("support_badge", "clicked"); openChat(); });
    badge.appendChild(h("span", { "class": "rb-dot", "aria-hidden": "true" }));
    badge.appendChild(h("span", { "class": "rb-badge-text" }));
    root.appendChild(badge);
    renderStatus();
  }
  function statusText() {
    return agentsOnline ? S.online : (config.status && config.status.reply_promise) || S.offline;
  }

  // ---- Cart slots: shipping info, free-shipping bar, add-ons; product slot: social proof ----

  function shippingInfo() {
    var node = slot("shipping");
    var on = node && expose("shipping_info");
    if (!on) return;
    fill(node, [
      on.estimate ? h("p", { "class": "rb-shipping", text: S.delivery + on.estimate }) : null,
      on.return_policy ? h("p", { "class": "rb-returns", text: on.return_policy }) : null
    ]);
  }

  var freeBar = null;
  function freeShipping() {
    var node = slot("free-shipping");
    var on = node && !freeBar && expose("free_shipping_bar");
    if (!on) return;
    freeBar = {
      threshold: Math.max(0, +on.threshold || 0), request: 0,
      text: h("p", { "class": "rb-fs-text", "aria-live": "polite" }),
      bar: h("div", { "class": "rb-bar", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100" }, [h("span")]),
      rec: h("p", { "class": "rb-fs-rec" })
    };
    fill(node, [freeBar.text, freeBar.bar, freeBar.rec]);
    renderFreeShipping();
  }
  function renderFreeShipping() {
    if (!freeBar) return;
    var total = cartTotal(), gap = freeBar.threshold - total;
    var percent = freeBar.threshold ? Math.min(100, Math.floor(total * 100 / freeBar.threshold)) : 100;
    freeBar.text.textContent = gap > 0 ? fmt(S.toFree, { a: money(gap) }) : S.free;
    freeBar.bar.firstChild.style.width = percent + "%";
    freeBar.bar.setAttribute("aria-valuenow", percent);
    freeBar.bar.setAttribute("aria-valuetext", freeBar.text.textContent);
    var request = ++freeBar.request;
    clear(freeBar.rec);
    if (gap <= 0 || !cart.lines.length) return;
    var ids = [];
    for (var i = 0; i < cart.lines.length; i++) ids.push(cart.lines[i].product_id);
    getJSON("/v1/recommendations", { placement: "free_shipping", cart_total: total, products: ids.join(",") }, function (data) {
      var item = data && data.items && data.items[0];
      if (request !== freeBar.request || !item) return; // an answer for an older cart
      var url = safeUrl(item.url);
      var title = url ? h("a", { href: url, text: item.title, onclick: function () { interaction("free_shipping_bar", "clicked", { product_id: item.product_id }); } }) : item.title;
      var kids = parts(S.addFor, { t: title, p: money(+item.price || 0) });
      if (typeof api.onAddToCart === "function") kids.push(addButton(item, "free_shipping_bar", "clicked"));
      clear(freeBar.rec);
      freeBar.rec.appendChild(h("span", {}, kids));
    });
  }

  // The shop adds the item to its own cart through Rebound.onAddToCart (and reports it with Rebound.addToCart as usual).
  function addButton(item, name, action) {
    var inCart = false;
    for (var i = 0; i < cart.lines.length; i++) if (cart.lines[i].product_id === String(item.product_id)) inCart = true;
    var b = button("rb-btn rb-small", inCart ? S.added : S.add, function () {
      if (b.disabled) return;
      if (typeof api.onAddToCart === "function") {
        try { api.onAddToCart({ product_id: item.product_id, title: item.title, price: item.price, quantity: 1, url: item.url || null, source: name }); } catch (e) {}
      }
      interaction(name, action, { product_id: item.product_id });
      b.disabled = true;
      b.setAttribute("aria-pressed", "true");
      b.textContent = S.added;
    }, { "aria-label": S.add + ": " + item.title, "aria-pressed": inCart ? "true" : "false" });
    b.disabled = inCart;
    return b;
  }

  function addons() {
    var node = slot("addons");
    var t = tactic("addons");
    if (!node || !t || !t.items || !t.items.length || !expose("addons")) return;
    var list = h("ul");
    for (var i = 0; i < t.items.length; i++) {
      var item = t.items[i];
      list.appendChild(h("li", {}, [h("span", { text: item.title + " (+" + money(+item.price || 0) + ")" }), addButton(item, "addons", "addon_added")]));
    }
    fill(node, [h("p", { "class": "rb-addons-title", text: S.addons }), list]);
  }

  // "Frequently bought together" on product pages (slot "recommendations"): GET /v1/recommendations; the server
  // records what it showed (or the visitor's holdout), the script reports clicks and additions.
  var recsAsked = false;
  function boughtTogether() {
    var node = slot("recommendations");
    var onCart = page === "cart" && cart.lines.length;
    if (!node || !(productId || onCart) || recsAsked) return;
    recsAsked = true;
    // On the cart page: what goes with the whole cart (the shop's add-on rules first, then learned complements).
    var placement = productId ? "product_page" : "cart";
    var params = productId ? { product: productId } : { products: cart.lines.map(function (l) { return l.product_id; }).join(",") };
    getJSON("/v1/recommendations", merge(params, { placement: placement, visitor: anonymousId, limit: 4 }), function (data) {
      var items = (data && data.items) || [];
      if (!items.length) return;
      var list = h("ul");
      for (var i = 0; i < items.length; i++) list.appendChild(recItem(items[i], placement));
      fill(node, [h("p", { "class": "rb-recs-title", text: placement === "cart" ? S.complete : S.together }), list]);
    });
  }

  // The one-click post-purchase offer on the thank-you page (data-page="thank_you" data-order-id="…", slot "offer"):
  // one click adds the product to the order just placed, through the shop platform; no new checkout.
  function thankYouOffer() {
    var node = slot("offer"), order = script.getAttribute("data-order-id");
    if (!node || page !== "thank_you" || !order) return;
    getJSON("/v1/orders/" + enc(order) + "/offer", { visitor: anonymousId }, function (data) {
      var offer = data && data.offer;
      if (!offer) return;
      var until = new Date(offer.expires_at);
      var note = h("p", { "aria-live": "polite", text: fmt(S.offerUntil, { t: until.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }) }) });
      var b = button("rb-btn", S.offerAdd, function () {
        b.disabled = true;
        fetch(base + "/v1/orders/" + enc(order) + "/offer?key=" + enc(key), { method: "POST", credentials: "omit",
          headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ token: offer.token, visitor: anonymousId }) })
          .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw j; return j; }); })
          .then(function (res) {
            if (res.status === "cart_url" && safeUrl(res.url)) { location.href = res.url; return; }
            b.hidden = true;
            note.textContent = S.offerAdded;
          })
          .catch(function (e) { b.disabled = false; note.textContent = (e && e.detail) || S.offerFailed; });
      });
      fill(node, [h("p", { "class": "rb-recs-title", text: fmt(S.offer, { t: offer.title, p: money(+offer.offer_price || +offer.price || 0) }) }), b, note]);
    });
  }
  function recItem(item, placement) {
    var url = safeUrl(item.url);
    var title = url ? h("a", { href: url, text: item.title, onclick: function () { track("recommendation_clicked", { placement: placement, product_id: item.product_id }); } }) : h("span", { text: item.title });
    var kids = [title, h("span", { text: " (" + money(+item.price || 0) + ") " })];
    if (typeof api.onAddToCart === "function") {
      var b = addButton(item, "recommendations", "added");
      b.addEventListener("click", function () {
        var price = Math.max(0, +item.price || 0);
        track("recommendation_added", { placement: placement, product_id: item.product_id, price: price, quantity: 1, revenue: price });
      });
      kids.push(b);
    }
    return h("li", {}, kids);
  }

  var proofAsked = false;
  function socialProof() {
    var node = slot("social-proof");
    if (!node || !productId || proofAsked || !tactic("social_proof")) return;
    proofAsked = true;
    // Both groups ask: only a product with a real count is an exposure. Below the server's threshold the
    // count is null and nothing is shown or counted; the script never invents a number.
    getJSON("/v1/widget/social-proof", { product: productId }, function (data) {
      if (!data || data.count == null || !(+data.count > 0) || !expose("social_proof")) return;
      fill(node, [h("p", { "class": "rb-proof", text: fmt(+data.count === 1 ? S.proof1 : S.proofN, { n: data.count, h: data.hours || 24 }) })]);
    });
  }

  var faq = null;
  function faqBot() {
    if (faq || !expose("faq_bot")) return;
    faq = button("rb-btn rb-faq rb-fixed", S.ask, function () { interaction("faq_bot", "opened"); openChat("bot"); });
    root.appendChild(faq);
  }

  // ---- Chat over WebSocket: replay by seq after reconnects, optimistic own messages matched by client_id ----

  var chat = {
    ws: null, connected: false, wanted: false, open: false, mode: "agent",
    conversationId: store("chat_conversation") || null,
    seen: {}, maxSeq: 0, readSent: 0, pending: {}, outbox: [], backoff: 1000, retry: null,
    typingSentAt: -1e9, typingTimer: null, unread: 0, contactSent: false
  };
  var ui = {};
  var wsBase = base.replace(/^http/, "ws");

  function buildChat() {
    var ns = "http://www.w3.org/2000/svg";
    var icon = document.createElementNS(ns, "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
    icon.appendChild(path);
    ui.unread = h("span", { "class": "rb-unread", "aria-hidden": "true", hidden: true });
    ui.launcher = button("rb-launcher rb-fixed", null, function () { if (chat.open) closeChat(); else openChat(); },
      { "aria-label": S.openChat, "aria-expanded": "false", "aria-controls": "rb-panel" });
    ui.launcher.appendChild(icon);
    ui.launcher.appendChild(ui.unread);
    ui.status = h("p", { "class": "rb-status" });
    ui.log = h("div", { "class": "rb-log", role: "log", "aria-live": "polite", "aria-label": (config.shop && config.shop.name) || "Chat" });
    ui.typing = h("p", { "class": "rb-typing", hidden: true });
    ui.email = h("input", { type: "email", autocomplete: "email", "aria-label": S.email, placeholder: S.email });
    ui.phone = h("input", { type: "tel", autocomplete: "tel", "aria-label": S.phone, placeholder: S.phone });
    ui.contactNote = h("p", { "aria-live": "polite" });
    ui.contact = h("form", { "class": "rb-box rb-contact", hidden: true, onsubmit: sendContact }, [ui.contactNote, ui.email, ui.phone, h("button", { type: "submit", "class": "rb-btn", text: S.send })]);
    ui.csat = h("div", { "class": "rb-box rb-csat", hidden: true });
    ui.file = h("input", { type: "file", accept: "image/png,image/jpeg,image/gif,image/webp", hidden: true, onchange: sendImage });
    ui.input = h("textarea", { rows: "2", maxlength: "4000", "aria-label": S.message, placeholder: S.message, oninput: sendTyping });
    ui.input.addEventListener("keydown", function (e) { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); sendMessage(); } });
    ui.panel = h("div", { id: "rb-panel", "class": "rb-panel rb-fixed", role: "dialog", "aria-labelledby": "rb-chat-title", hidden: true }, [
      h("div", { "class": "rb-head" }, [
        h("div", {}, [h("h2", { id: "rb-chat-title", text: (config.shop && config.shop.name) || "Chat" }), ui.status]),
        button("rb-close", "×", closeChat, { "aria-label": S.closeChat })
      ]),
      ui.log, ui.typing, ui.contact, ui.csat,
      h("form", { "class": "rb-form", onsubmit: function (e) { e.preventDefault(); sendMessage(); } }, [
        ui.file, button("rb-btn rb-attach", "+", function () { ui.file.click(); }, { "aria-label": S.attach, title: S.attach }),
        ui.input, h("button", { type: "submit", "class": "rb-btn", text: S.send })])
    ]);
    root.appendChild(ui.panel);
    root.appendChild(ui.launcher);
  }
  function renderStatus() {
    var text = statusText();
    if (badge) {
      badge.className = "rb-badge rb-fixed" + (agentsOnline ? " rb-on" : "");
      badge.lastChild.textContent = text;
    }
    if (!ui.panel) return;
    ui.status.textContent = text;
    ui.contactNote.textContent = chat.contactSent ? S.contactSent : text.replace(/\.$/, "") + ". " + S.leaveContact;
    ui.contact.hidden = agentsOnline || !chat.connected;
    ui.email.hidden = ui.phone.hidden = ui.contact.lastChild.hidden = chat.contactSent;
  }
  function renderUnread() {
    ui.unread.textContent = chat.unread;
    ui.unread.hidden = !chat.unread;
    ui.launcher.setAttribute("aria-label", (chat.open ? S.closeChat : S.openChat) + (chat.unread ? " (" + chat.unread + ")" : ""));
  }

  function openChat(mode) {
    if (!ui.panel) return;
    if (mode) chat.mode = mode;
    closeBubble();
    ui.panel.hidden = false;
    if (faq) faq.hidden = true; // it would sit beside the open panel, saying the same
    chat.open = true;
    ui.launcher.setAttribute("aria-expanded", "true");
    if (chat.mode === "bot" && !ui.log.firstChild) note(S.botIntro);
    track("chat_opened", { mode: chat.mode });
    chat.wanted = true;
    connect();
    markRead();
    renderStatus();
    ui.input.focus();
  }
  function closeChat() {
    if (!chat.open) return;
    ui.panel.hidden = true;
    if (faq) faq.hidden = false;
    chat.open = false;
    ui.launcher.setAttribute("aria-expanded", "false");
    renderUnread();
    ui.launcher.focus();
  }

  function connect() {
    if (chat.ws || !window.WebSocket) return;
    if (chat.retry) clock.clearTimeout(chat.retry);
    chat.retry = null;
    var ws;
    try { ws = new WebSocket(wsBase + "/v1/chat?key=" + enc(key) + "&visitor=" + enc(anonymousId)); } catch (e) { return reconnectLater(); }
    chat.ws = ws;
    ws.onopen = function () {
      // last_seq is what this page has rendered: a fresh page gets the whole conversation, a reconnect only what it missed.
      ws.send(JSON.stringify({
        type: "hello", conversation_id: chat.conversationId, last_seq: chat.maxSeq,
        cart: { cart_token: cartToken(), lines: cart.lines, total: cartTotal(), currency: (config.shop && config.shop.currency) || null },
        page: location.href, device: device(), mode: chat.mode
      }));
    };
    ws.onmessage = function (e) { var frame = parse(e.data); if (frame) onFrame(frame); };
    ws.onclose = function () {
      if (chat.ws !== ws) return;
      chat.ws = null;
      chat.connected = false;
      renderStatus();
      reconnectLater();
    };
  }
  function reconnectLater() {
    if (!chat.wanted || chat.retry) return;
    var delay = chat.backoff;
    chat.backoff = Math.min(30000, chat.backoff * 2);
    chat.retry = clock.setTimeout(function () { chat.retry = null; connect(); }, delay);
  }
  // Frames other than messages wait in the outbox while the socket is down; messages wait in `pending`.
  function send(frame, keep) {
    if (chat.connected && chat.ws) { chat.ws.send(JSON.stringify(frame)); return; }
    if (keep) chat.outbox.push(frame);
  }

  function onFrame(f) {
    if (f.type === "welcome") {
      chat.connected = true;
      chat.backoff = 1000;
      if (f.conversation_id) { chat.conversationId = f.conversation_id; store("chat_conversation", f.conversation_id); }
      if (typeof f.agents_online === "boolean") agentsOnline = f.agents_online;
      renderStatus();
      // Sent before the drop but never echoed: send again; the server keys messages by client_id.
      for (var id in chat.pending) send({ type: "message", client_id: id, text: chat.pending[id].text, attachment_ids: chat.pending[id].ids });
      var out = chat.outbox.splice(0);
      for (var i = 0; i < out.length; i++) send(out[i], true);
      markRead();
    } else if (f.type === "message") {
      showMessage(f);
    } else if (f.type === "typing") {
      ui.typing.textContent = (f.name || (config.shop && config.shop.name) || "") + " " + S.typing;
      ui.typing.hidden = false;
      if (chat.typingTimer) clock.clearTimeout(chat.typingTimer);
      chat.typingTimer = clock.setTimeout(function () { ui.typing.hidden = true; }, 6000);
    } else if (f.type === "read") {
      var mine = ui.log.querySelectorAll(".rb-shopper[data-seq]");
      for (var k = 0; k < mine.length; k++) if (+mine[k].getAttribute("data-seq") <= +f.seq) mine[k].lastChild.textContent = S.read;
    } else if (f.type === "csat_request") {
      showCsat();
    } else if (f.type === "error") {
      note(f.detail || "Error");
    }
  }

  function messageNode(author, name, text, sources, files) {
    var who = author === "shopper" ? S.you : name || (author === "bot" ? S.bot : (config.shop && config.shop.name) || "");
    var node = h("div", { "class": "rb-msg rb-" + (author === "shopper" ? "shopper" : author === "bot" ? "bot" : "agent") }, [
      h("span", { "class": "rb-who", text: who }), h("span", { "class": "rb-text", text: text })
    ]);
    for (var f = 0; files && f < files.length; f++) {
      var src = safeUrl(files[f].url);
      if (src) node.appendChild(h("a", { href: base + src, target: "_blank", rel: "noopener" }, [h("img", { "class": "rb-img", src: base + src, alt: S.image })]));
    }
    for (var i = 0; sources && i < sources.length; i++) {
      var url = safeUrl(sources[i].url);
      if (url) node.appendChild(h("a", { href: url, target: "_blank", rel: "noopener", text: sources[i].title || url }));
    }
    if (author === "shopper") node.appendChild(h("span", { "class": "rb-meta" }));
    return node;
  }
  function showMessage(m) {
    var seq = +m.seq || 0;
    if (seq && chat.seen[seq]) return; // replayed after a reconnect
    if (seq) { chat.seen[seq] = true; chat.maxSeq = Math.max(chat.maxSeq, seq); }
    var own = m.client_id && chat.pending[m.client_id];
    if (own) {
      delete chat.pending[m.client_id];
      own.node.removeAttribute("data-pending");
      own.node.setAttribute("data-seq", seq);
      own.node.lastChild.textContent = S.sent;
      return;
    }
    var node = messageNode(m.author, m.name, m.text || "", m.sources, m.attachments);
    if (m.author === "shopper") node.lastChild.textContent = S.sent;
    else ui.typing.hidden = true;
    if (seq) node.setAttribute("data-seq", seq);
    place(node, seq);
    if (m.author !== "shopper" && !chat.open && seq > (+store("chat_seq") || 0)) { chat.unread++; renderUnread(); }
    if (chat.open) markRead();
  }
  // In seq order, and before messages still waiting for their seq: a replay after a reconnect may bring
  // earlier messages than the one the shopper typed while offline.
  function place(node, seq) {
    if (!seq) return append(node);
    for (var kid = ui.log.firstChild; kid; kid = kid.nextSibling) {
      var other = kid.getAttribute("data-seq");
      if (other ? +other > seq : kid.getAttribute("data-pending")) { ui.log.insertBefore(node, kid); return; }
    }
    append(node);
  }
  function append(node) {
    ui.log.appendChild(node);
    ui.log.scrollTop = ui.log.scrollHeight;
  }
  function note(text) { append(h("p", { "class": "rb-note", text: text })); }
  function markRead() {
    if (!chat.open) return;
    chat.unread = 0;
    renderUnread();
    if (chat.maxSeq > chat.readSent && chat.connected) {
      chat.readSent = chat.maxSeq;
      store("chat_seq", String(chat.maxSeq));
      send({ type: "read", seq: chat.maxSeq });
    }
  }

  function sendMessage() {
    var text = ui.input.value.trim().slice(0, 4000);
    if (!text) return;
    ui.input.value = "";
    var id = randomId("c_");
    var node = messageNode("shopper", null, text);
    node.lastChild.textContent = S.sending;
    node.setAttribute("data-pending", "1");
    chat.pending[id] = { text: text, node: node };
    append(node);
    send({ type: "message", client_id: id, text: text });
    track("chat_message_sent", { conversation_id: chat.conversationId, mode: chat.mode });
  }
  // Uploads the image first, then sends it as a message (with whatever is typed) like any other.
  function sendImage() {
    var file = ui.file.files && ui.file.files[0];
    ui.file.value = "";
    if (!file) return;
    if (file.size > 5242880) return note(S.tooBig);
    fetch(base + "/v1/chat/attachments?key=" + enc(key) + "&visitor=" + enc(anonymousId),
      { method: "POST", body: file, headers: { "Content-Type": file.type }, credentials: "omit" })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw j; return j; }); })
      .then(function (a) {
        var text = ui.input.value.trim().slice(0, 4000), id = randomId("c_");
        ui.input.value = "";
        var node = messageNode("shopper", null, text, null, [a]);
        node.lastChild.textContent = S.sending;
        node.setAttribute("data-pending", "1");
        chat.pending[id] = { text: text, ids: [a.id], node: node };
        append(node);
        send({ type: "message", client_id: id, text: text, attachment_ids: [a.id] });
      })
      .catch(function (e) { note((e && e.detail) || S.uploadFailed); });
  }
  function sendTyping() {
    if (clock.now() - chat.typingSentAt < 3000) return;
    chat.typingSentAt = clock.now();
    send({ type: "typing" });
  }
  function sendContact(e) {
    e.preventDefault();
    var email = ui.email.value.replace(/\s/g, ""), phone = ui.phone.value.trim();
    if (!/^[^@]+@[^@]+\.[^@]+$/.test(email) && phone.replace(/\D/g, "").length < 6) { ui.contactNote.textContent = S.needContact; return; }
    send({ type: "contact", email: email || null, phone: phone || null }, true);
    chat.contactSent = true;
    renderStatus();
  }
  function showCsat() {
    var score = 0, stars = [];
    var submit = button("rb-btn", S.send, function () {
      send({ type: "csat", score: score, comment: comment.value.trim() }, true);
      clear(ui.csat);
      ui.csat.appendChild(h("p", { text: S.csatThanks }));
    });
    submit.disabled = true;
    function pick(n) {
      return function () {
        score = n;
        submit.disabled = false;
        for (var i = 0; i < stars.length; i++) stars[i].setAttribute("aria-pressed", String(i < n));
      };
    }
    for (var n = 1; n <= 5; n++) stars.push(button("", String(n), pick(n), { "aria-label": fmt(S.star, { n: n }), "aria-pressed": "false" }));
    var comment = h("textarea", { rows: "2", maxlength: "1000", "aria-label": S.comment, placeholder: S.comment });
    clear(ui.csat);
    ui.csat.appendChild(h("p", { id: "rb-csat-q", text: S.csat }));
    ui.csat.appendChild(h("div", { "class": "rb-stars", role: "group", "aria-labelledby": "rb-csat-q" }, stars));
    ui.csat.appendChild(comment);
    ui.csat.appendChild(submit);
    ui.csat.hidden = false;
  }

  // ---- Start: after load, fetch the visitor's settings and show what is on ----

  function loadConfig() {
    getJSON("/v1/widget/config", { visitor: anonymousId, page: page }, function (data) {
      if (!data || !data.tactics) return;
      config = data;
      apply();
    });
  }
  function apply() {
    var lang = String(locale()).slice(0, 2).toLowerCase();
    S = STRINGS[lang] || STRINGS.en;
    agentsOnline = !!(config.status && config.status.agents_online);
    var colors = (config.shop && config.shop.colors) || {};
    // setProperty ignores invalid values, so shop colours cannot inject CSS.
    document.documentElement.style.setProperty("--rb-primary", colors.primary || "#0a7d5a");
    document.documentElement.style.setProperty("--rb-text", colors.text || "#ffffff");
    if (!root) {
      document.head.appendChild(h("style", { id: "rb-style", text: CSS }));
      root = h("div", { "class": "rb-root", id: "rb-root" }, [live = h("div", { "class": "rb-sr", role: "status", "aria-live": "polite" })]);
      document.body.appendChild(root);
      buildChat();
      document.addEventListener("keydown", function (e) {
        if (e.key !== "Escape" && e.key !== "Esc") return;
        if (offer) closeOffer("dismissed");
        else if (chat.open) closeChat();
        else closeBubble("dismissed");
      });
    }
    welcomeBack();
    chatFromLink();
    armProactiveChat();
    armExitIntent();
    supportBadge();
    shippingInfo();
    freeShipping();
    socialProof();
    addons();
    boughtTogether();
    thankYouOffer();
    faqBot();
    renderStatus();
    // A conversation from an earlier page goes on: connect, so that replies arrive and count as unread.
    if (chat.conversationId) { chat.wanted = true; connect(); }
  }
  var started = false;
  function start() { started = true; loadConfig(); }

  var api = {
    _loaded: true,
    anonymousId: anonymousId,
    track: track,
    /** Rebound.viewProduct({product_id, variant_id?, price?, currency?}) */
    viewProduct: function (p) {
      if (p && p.product_id != null) { productId = String(p.product_id); if (config) socialProof(); }
      return track("viewed_product", p);
    },
    /** Rebound.addToCart({product_id, variant_id?, quantity, price (minor units), currency, title?}) */
    addToCart: function (p) { changeCart(p, 1); return track("added_to_cart", cartProps(p)); },
    removeFromCart: function (p) { changeCart(p, -1); return track("removed_from_cart", cartProps(p)); },
    /** Rebound.viewCart({lines: [...]?, restore_url?}) — lines, when given, replace the script's view of the cart. */
    viewCart: function (p) {
      if (p && p.lines && p.lines.length != null) {
        cart.lines = [];
        for (var i = 0; i < p.lines.length; i++) if (p.lines[i] && p.lines[i].product_id != null) cart.lines.push(lineOf(p.lines[i]));
        cartChanged();
      }
      return track("viewed_cart", cartProps(p || {}));
    },
    startCheckout: function (p) { return track("started_checkout", cartProps(p || {})); },
    /** Rebound.identify({email?, phone?}) — call when the shopper types them. */
    identify: function (customer) { return track("identified", {}, customer); },
    /** Use the platform's own cart token (Shopify: cart.token) so webhooks and the script meet. */
    setCartToken: function (token) { if (token) store("cart_token", String(token)); },
    newCart: function () { store("cart_token", randomId("cart_")); cart = { lines: [] }; cartChanged(); },
    /** Rebound.page("cart" | "product" | "checkout" | "other") when the script tag has no data-page (single-page shops). */
    page: function (name) {
      page = pageName(name);
      if (started) loadConfig();
    },
    openChat: function () { openChat(); },
    flush: function () { flush(false); },
    /** For tests: what this page view has shown and the chat's state. */
    _state: function () {
      return { shown: shown.slice(), exposed: merge({}, exposed), cartTotal: cartTotal(), connected: chat.connected, conversationId: chat.conversationId, page: page, configLoaded: !!config };
    },
    // Set by the shop: called with {product_id, title, price, quantity, url, source} when the shopper adds a suggested item.
    onAddToCart: stub.onAddToCart || null
  };
  var pending = stub.q;
  window.Rebound = api;

  track("page_viewed", { title: document.title, referrer: document.referrer || null });
  if (productId) api.viewProduct({ product_id: productId });
  if (script.getAttribute("data-page") === "cart") api.viewCart();

  // Typed email or phone identifies the shopper (checkout and newsletter forms).
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!el || el.tagName !== "INPUT") return;
    var value = (el.value || "").trim();
    if ((el.type === "email" || /email/i.test(el.name || "")) && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) api.identify({ email: value });
    else if ((el.type === "tel" || /phone/i.test(el.name || "")) && value.replace(/\D/g, "").length >= 6) api.identify({ phone: value });
  }, true);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(true); });
  window.addEventListener("pagehide", function () { flush(true); });
  if (pending && pending.length) for (var i = 0; i < pending.length; i++) { var c = pending[i]; if (api[c[0]]) api[c[0]].apply(null, c.slice(1)); }

  // Overlays wait for load so that they never compete with the shop's own rendering.
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
