/*! Rebound storefront script. One tag: <script async src="https://REBOUND/widget.js" data-key="pk_…"></script>
 * Tracks page and product views, cart changes and identification for abandonment detection.
 * Vanilla JavaScript, no build step, no cookies beyond localStorage, no third-party requests. */
(function () {
  "use strict";
  if (window.Rebound && window.Rebound._loaded) return;
  var script = document.currentScript || document.querySelector("script[data-key][src*='widget.js']");
  var key = script && script.getAttribute("data-key");
  if (!key) { if (window.console) console.warn("Rebound: the script tag needs data-key"); return; }
  var base = script.src.replace(/\/widget\.js(\?.*)?$/, "");
  var endpoint = base + "/v1/track";
  var STORE = "rebound:";

  function store(name, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(STORE + name);
      window.localStorage.setItem(STORE + name, value);
    } catch (e) { return null; }
  }
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

  var queue = [];
  var timer = null;
  function flush(useBeacon) {
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
    var event = { id: randomId("evt_"), type: type, anonymous_id: anonymousId, occurred_at: new Date().toISOString(), properties: props };
    if (customer) event.customer = customer;
    queue.push(event);
    if (!timer) timer = setTimeout(function () { flush(false); }, 300);
    return event.id;
  }

  function cartToken() {
    var token = store("cart_token");
    if (!token) { token = randomId("cart_"); store("cart_token", token); }
    return token;
  }
  function cartProps(extra) {
    var props = { cart_token: cartToken() };
    for (var k in extra) if (Object.prototype.hasOwnProperty.call(extra, k)) props[k] = extra[k];
    return props;
  }

  var api = {
    _loaded: true,
    anonymousId: anonymousId,
    track: track,
    /** Rebound.viewProduct({product_id, variant_id?, price?, currency?}) */
    viewProduct: function (p) { return track("viewed_product", p); },
    /** Rebound.addToCart({product_id, variant_id?, quantity, price (minor units), currency, title?}) */
    addToCart: function (p) { return track("added_to_cart", cartProps(p)); },
    removeFromCart: function (p) { return track("removed_from_cart", cartProps(p)); },
    /** Rebound.viewCart({lines: [...]?, restore_url?}) */
    viewCart: function (p) { return track("viewed_cart", cartProps(p || {})); },
    startCheckout: function (p) { return track("started_checkout", cartProps(p || {})); },
    /** Rebound.identify({email?, phone?}) — call when the shopper types them. */
    identify: function (customer) { return track("identified", {}, customer); },
    /** Use the platform's own cart token (Shopify: cart.token) so webhooks and the script meet. */
    setCartToken: function (token) { if (token) store("cart_token", String(token)); },
    newCart: function () { store("cart_token", randomId("cart_")); },
    flush: function () { flush(false); }
  };
  var pending = window.Rebound && window.Rebound.q;
  window.Rebound = api;

  track("page_viewed", { title: document.title, referrer: document.referrer || null });
  var productId = script.getAttribute("data-product-id") || (document.querySelector("[data-rebound-product]") || {}).getAttribute && document.querySelector("[data-rebound-product]").getAttribute("data-rebound-product");
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
})();
