"""Parses a message with Python's email package and verifies its DKIM signature with dkimpy.

usage: check_message.py MESSAGE.eml DNS_TXT_RECORD
Prints JSON: dkim (bool), headers, the MIME tree, decoded subject/from/to, text and html bodies, longest line.
"""
import json, sys
import dkim
from email import policy
from email.parser import BytesParser

raw = open(sys.argv[1], "rb").read()
record = sys.argv[2].encode()


def dnsfunc(name, timeout=5):
    return record


try:
    ok = dkim.verify(raw, dnsfunc=dnsfunc)
except Exception as e:  # report, don't crash
    ok = False
    print("dkim error: %r" % e, file=sys.stderr)

msg = BytesParser(policy=policy.default).parsebytes(raw)


def tree(part):
    if part.is_multipart():
        return {"type": part.get_content_type(), "parts": [tree(p) for p in part.iter_parts()]}
    return {"type": part.get_content_type(), "cte": part.get("Content-Transfer-Encoding", "")}


text = msg.get_body(("plain",))
html = msg.get_body(("html",))
defects = [str(d) for p in msg.walk() for d in p.defects]
print(json.dumps({
    "dkim": bool(ok),
    "subject": str(msg["Subject"]),
    "from": str(msg["From"]),
    "to": str(msg["To"]),
    "date": str(msg["Date"]),
    "message_id": str(msg["Message-ID"]),
    "list_unsubscribe": str(msg["List-Unsubscribe"]),
    "list_unsubscribe_post": str(msg["List-Unsubscribe-Post"]),
    "tree": tree(msg),
    "text": text.get_content() if text else None,
    "html": html.get_content() if html else None,
    "max_line": max(len(l) for l in raw.split(b"\r\n")),
    "max_body_line": max(len(l) for l in raw.split(b"\r\n\r\n", 1)[1].split(b"\r\n")),
    "defects": defects,
}))
