"""B3 peer: aiosmtplib + Jinja2 (+ dkimpy signing) sending the same cart-recovery emails to smtp-sink.

usage: peer.py --port 2526 [--count 20000] [--pool 8] [--dkim key.pem]
Prints one JSON line like channels-bench.
"""
import argparse, asyncio, json, resource, time, uuid
from email.message import EmailMessage
from email.headerregistry import Address
from email.utils import format_datetime
from datetime import datetime, timezone

import aiosmtplib
import dkim
from jinja2 import Environment

p = argparse.ArgumentParser()
p.add_argument("--host", default="127.0.0.1")
p.add_argument("--port", type=int, default=2526)
p.add_argument("--count", type=int, default=20000)
p.add_argument("--pool", type=int, default=8)
p.add_argument("--dkim")
args = p.parse_args()

env = Environment(autoescape=True)
LAYOUT = env.from_string("""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ subject }}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;color:#222222;font-family:Helvetica,Arial,sans-serif;">
<div style="display:none;max-height:0;overflow:hidden;">{{ preview }}</div>
<table role="presentation" width="100%"><tr><td align="center">
<table role="presentation" width="600" cellpadding="16" style="background:#ffffff;max-width:600px;">
<tr><td align="center"><img src="{{ shop.logo_url }}" alt="{{ shop.name }}" height="48"></td></tr>
<tr><td>{{ content }}</td></tr>
<tr><td style="font-size:12px;color:#777777;text-align:center;">{{ shop.name }}{% for a in shop.address %}<br>{{ a }}{% endfor %}
<br><a href="{{ links.unsubscribe }}" style="color:#777777;">Abmelden</a></td></tr>
</table></td></tr></table>
<img src="{{ links.open_pixel }}" width="1" height="1" alt="">
</body></html>""")
HTML = env.from_string("""<h2>Hallo {{ customer.first_name }}, ist etwas schiefgelaufen?</h2>
<p>Du hast ein paar Artikel in deinem Warenkorb gelassen. Wenn etwas nicht geklappt hat – Versand, Größen oder Bezahlung –, frag uns einfach: Wir antworten in wenigen Minuten.</p>
<table role="presentation" width="100%" cellpadding="6">
{% for l in cart.lines %}<tr><td width="72"><img src="{{ l.image_url }}" alt="{{ l.title }}" width="64"></td><td>{{ l.title }} × {{ l.quantity }}</td><td align="right">{{ l.line_total }}</td></tr>
{% endfor %}<tr><td></td><td><strong>Gesamt</strong></td><td align="right"><strong>{{ cart.total }}</strong></td></tr>
</table>
<p style="text-align:center;"><a href="{{ links.restore }}" style="display:inline-block;padding:12px 24px;background:#1a73e8;color:#ffffff;">Zurück zum Warenkorb</a></p>
<p style="text-align:center;"><a href="{{ links.chat }}">Fragen? Schreib uns im Chat</a></p>""")
TEXT = Environment(autoescape=False).from_string("""Hallo {{ customer.first_name }},

ist etwas schiefgelaufen? Diese Artikel liegen noch in deinem Warenkorb:

{% for l in cart.lines %}- {{ l.title }} × {{ l.quantity }}: {{ l.line_total }}
{% endfor %}Gesamt: {{ cart.total }}

Zurück zum Warenkorb: {{ links.restore }}
Fragen? Schreib uns im Chat: {{ links.chat }}

--
{{ shop.name }}
{% for a in shop.address %}{{ a }}
{% endfor %}Abmelden: {{ links.unsubscribe }}
""")

NAMES = ["Jürgen", "Anna", "Özlem", "Kim", "Søren", "Lukas", "Mia", "Björn"]
PRODUCTS = ["Bergkäse 500 g", "Gouda alt", "Käsemesser", "Raclette-Set", "Brie de Meaux", "Appenzeller"]
SHOP = {"name": "Käsehaus Müller", "logo_url": "https://cdn.shop.example/logo.png", "address": ["Hauptstraße 1", "50667 Köln"]}
NOW = datetime.fromtimestamp(1795702001, tz=timezone.utc)
KEY = open(args.dkim, "rb").read() if args.dkim else None
SIGNED = [b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type", b"list-unsubscribe", b"list-unsubscribe-post"]


def euro(minor):
    s = "{:,.2f}".format(minor / 100).replace(",", "X").replace(".", ",").replace("X", ".")
    return s + "\u00a0€"


def make(i):
    name = NAMES[i % len(NAMES)]
    lines = []
    total = 0
    for k in range(1 + i % 3):
        price = 999 + 250 * ((i + k) % 7)
        q = 1 + k
        total += price * q
        lines.append({"title": PRODUCTS[(i + k) % len(PRODUCTS)], "quantity": q, "line_total": euro(price * q),
                      "image_url": "https://cdn.shop.example/p%d.jpg" % ((i + k) % len(PRODUCTS))})
    tok = uuid.uuid4().hex
    ctx = {"shop": SHOP, "customer": {"first_name": name}, "cart": {"lines": lines, "total": euro(total)},
           "links": {"restore": "https://rebound.example/r/" + tok, "chat": "https://rebound.example/l/" + tok,
                     "unsubscribe": "https://rebound.example/u/" + tok, "open_pixel": "https://rebound.example/o/%s.gif" % tok},
           "subject": "Ist etwas schiefgelaufen? Dein Warenkorb wartet",
           "preview": "Deine Artikel liegen noch bei Käsehaus Müller für dich bereit – und wir helfen gern weiter."}
    html = LAYOUT.render(content=HTML.render(**ctx), **ctx)
    text = TEXT.render(**ctx)
    msg = EmailMessage()
    msg["From"] = Address("Käsehaus Müller", "hallo", "shop.example")
    to = "kunde%d@example.de" % i
    msg["To"] = Address(name + " Müller", "kunde%d" % i, "example.de")
    msg["Subject"] = ctx["subject"]
    msg["Date"] = format_datetime(NOW)
    msg["Message-ID"] = "<m%d.%s@shop.example>" % (i, tok)
    msg["List-Unsubscribe"] = "<%s>, <mailto:unsubscribe@shop.example>" % ctx["links"]["unsubscribe"]
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    data = msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))
    if KEY:
        sig = dkim.sign(data, b"rebound", b"shop.example", KEY, canonicalize=(b"relaxed", b"relaxed"), include_headers=SIGNED)
        data = sig + data
    return to, data


async def worker(w, failed):
    smtp = aiosmtplib.SMTP(hostname=args.host, port=args.port, use_tls=False, start_tls=False)
    await smtp.connect()
    i = w
    while i < args.count:
        to, data = make(i)
        try:
            await smtp.sendmail("bounces@shop.example", [to], data)
        except Exception:
            failed[0] += 1
        i += args.pool
    await smtp.quit()


async def main():
    failed = [0]
    start = time.perf_counter()
    await asyncio.gather(*(worker(w, failed) for w in range(args.pool)))
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"side": "aiosmtplib+jinja2", "dkim": bool(KEY), "messages": args.count, "failed": failed[0],
                      "seconds": round(seconds, 2), "msgs_per_sec": round(args.count / seconds, 1), "peak_rss_mb": round(rss, 1),
                      "pool": args.pool}))


asyncio.run(main())
