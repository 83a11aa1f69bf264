"""A real SMTP server for the tests (aiosmtpd). Prints the port on stdout, then saves each message as N.eml.

--dir DIR            where to save messages
--tls CERT KEY       offer STARTTLS with this certificate (or with --implicit, TLS from the first byte)
--implicit           implicit TLS (smtps)
--auth USER:PASS     require AUTH (PLAIN or LOGIN)
--tempfail N         answer 451 at end of DATA for the first N messages
--pipelining         advertise PIPELINING
Recipients whose local part starts with "reject" get 550 at RCPT.
"""
import argparse, asyncio, os, socket, ssl, sys, time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

p = argparse.ArgumentParser()
p.add_argument("--dir", required=True)
p.add_argument("--tls", nargs=2)
p.add_argument("--implicit", action="store_true")
p.add_argument("--auth")
p.add_argument("--tempfail", type=int, default=0)
p.add_argument("--pipelining", action="store_true")
args = p.parse_args()


class Handler:
    def __init__(self):
        self.count = 0
        self.failures = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if args.pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("reject"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.failures < args.tempfail:
            self.failures += 1
            return "451 4.3.0 Try again later"
        self.count += 1
        path = os.path.join(args.dir, "%06d.eml" % self.count)
        with open(path + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(path + ".env", "w") as f:
            f.write(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
        os.rename(path + ".tmp", path)
        return "250 2.0.0 OK queued as %d" % self.count


def authenticator(server, session, envelope, mechanism, auth_data):
    user, password = args.auth.split(":", 1)
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    # handled=False makes aiosmtpd answer 535 itself on failure.
    return AuthResult(success=ok, handled=False)


s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()

kwargs = {}
if args.tls:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(args.tls[0], args.tls[1])
    if args.implicit:
        kwargs["ssl_context"] = ctx
    else:
        kwargs["tls_context"] = ctx
        kwargs["require_starttls"] = True
if args.auth:
    kwargs["authenticator"] = authenticator
    kwargs["auth_required"] = True
    kwargs["auth_require_tls"] = bool(args.tls)

controller = Controller(Handler(), hostname="127.0.0.1", port=port, server_hostname="localhost", **kwargs)
controller.start()
print(port, flush=True)
try:
    sys.stdin.read()  # runs until the test closes our stdin or kills us
finally:
    controller.stop()
