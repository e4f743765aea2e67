#!/usr/bin/python3
"""A real SMTP server for the tests (Debian's python3-aiosmtpd) on 127.0.0.1.

Each accepted message is written to OUT/N.eml exactly as received, with its
envelope in OUT/N.json. Options: --starttls CERT KEY (offer STARTTLS, require it
for AUTH), --tls CERT KEY (implicit TLS, as port 465), --auth USER:PASS
(require AUTH), --reject ADDR (refuse that recipient with 550), --tempfail
(answer 451 to DATA). Every AUTH is logged to OUT/auth.log ("ok USER" or
"refused USER"). Prints "ready PORT" when listening; runs until killed."""
import argparse
import json
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, out, reject, tempfail):
        self.out, self.reject, self.tempfail, self.n = out, reject, tempfail, 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.tempfail:
            return "451 4.3.0 try again later"
        self.n += 1
        base = os.path.join(self.out, str(self.n))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                       "tls": session.ssl is not None,
                       "auth": session.authenticated}, f)
        return "250 OK queued"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--out", required=True)
    p.add_argument("--starttls", nargs=2)
    p.add_argument("--tls", nargs=2)
    p.add_argument("--auth")
    p.add_argument("--reject", action="append", default=[])
    p.add_argument("--tempfail", action="store_true")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    kw = {}
    if a.auth:
        user, pw = a.auth.split(":", 1)

        def check(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                  and auth_data.password.decode() == pw)
            who = auth_data.login.decode() if isinstance(auth_data, LoginPassword) else "?"
            with open(os.path.join(a.out, "auth.log"), "a") as f:
                f.write("%s %s\n" % ("ok" if ok else "refused", who))
            return AuthResult(success=ok, handled=False)

        # with implicit TLS aiosmtpd does not know the session is encrypted: it only
        # counts STARTTLS, so AUTH is required over TLS only in the STARTTLS case
        kw.update(authenticator=check, auth_required=True, auth_require_tls=bool(a.starttls))
    if a.starttls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*a.starttls)
        kw.update(tls_context=ctx, require_starttls=True)
    if a.tls:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*a.tls)
        kw.update(ssl_context=ctx)
    port = a.port
    if port == 0:
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
    c = Controller(Handler(a.out, a.reject, a.tempfail), hostname="127.0.0.1", port=port,
                   ready_timeout=10, **kw)
    c.start()
    print("ready", port, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        c.stop()


if __name__ == "__main__":
    sys.exit(main())
