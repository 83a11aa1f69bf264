"""A fake Twilio Messages API and webhook receiver for the tests. Prints the port on stdout.

POST /2010-04-01/Accounts/AC123/Messages.json  basic auth AC123:token, form To/From/Body(/StatusCallback) -> 201 JSON
POST /hook        checks X-Rebound-Signature with secret "whsec" -> 200, 401 when wrong
POST /flaky       503 for the first two requests, then 200
POST /slack…      a Slack incoming webhook: 200 "ok"
GET  /requests    JSON list of all requests seen (path, headers, body)
"""
import base64, hashlib, hmac, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

seen = []
flaky = {"n": 0}


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def reply(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/requests":
            return self.reply(200, seen)
        self.reply(404, {})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        seen.append({"path": self.path, "headers": dict(self.headers), "body": body.decode()})
        if self.path == "/2010-04-01/Accounts/AC123/Messages.json":
            expected = "Basic " + base64.b64encode(b"AC123:token").decode()
            if self.headers.get("Authorization") != expected:
                return self.reply(401, {"code": 20003, "message": "Authenticate", "status": 401})
            if self.headers.get("Content-Type") != "application/x-www-form-urlencoded":
                return self.reply(400, {"code": 0, "message": "bad content type", "status": 400})
            form = dict(parse_qsl(body.decode(), keep_blank_values=True))
            if not form.get("To", "").startswith("+") or not form.get("Body"):
                return self.reply(400, {"code": 21211, "message": "The 'To' number is not a valid phone number.", "status": 400})
            if form["To"] == "+15005550001":
                return self.reply(400, {"code": 21211, "message": "The 'To' number +15005550001 is not a valid phone number.", "status": 400})
            return self.reply(201, {
                "account_sid": "AC123", "api_version": "2010-04-01", "body": form["Body"],
                "date_created": "Thu, 26 Nov 2026 14:00:00 +0000", "direction": "outbound-api",
                "from": form.get("From"), "to": form["To"], "num_media": "0", "num_segments": "1",
                "price": None, "sid": "SM" + "0" * 30 + "%02d" % len(seen), "status": "queued",
                "uri": "/2010-04-01/Accounts/AC123/Messages/SM.json",
                "status_callback": form.get("StatusCallback"),
            })
        if self.path == "/hook":
            ts = self.headers.get("X-Rebound-Timestamp", "")
            want = "sha256=" + hmac.new(b"whsec", ts.encode() + b"." + body, hashlib.sha256).hexdigest()
            ok = hmac.compare_digest(want, self.headers.get("X-Rebound-Signature", ""))
            return self.reply(200 if ok else 401, {"ok": ok})
        if self.path.startswith("/slack"):
            # Slack incoming webhooks answer 200 with the text "ok".
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "2")
            self.end_headers()
            return self.wfile.write(b"ok")
        if self.path == "/flaky":
            flaky["n"] += 1
            return self.reply(503 if flaky["n"] <= 2 else 200, {"n": flaky["n"]})
        self.reply(404, {})


server = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
server.shutdown()
