#!/usr/bin/python3
"""badsmtpd.py — a scripted, misbehaving SMTP server for the fault tests.

usage: badsmtpd.py [--port P] [--log FILE] SCRIPT

Listens on 127.0.0.1:P (default: a free port, printed on the first line of stdout)
and answers every connection by SCRIPT, a JSON object from a step to what is sent
then: "greeting", "EHLO", "HELO", "AUTH", "MAIL", "RCPT", "DATA", "END" (the
message's final "."), "QUIT", "other" (any other line). Steps left out get an
ordinary answer. A value is the text to send (JSON escapes, "\\u0000" included,
each character one byte), or:
  "@silent"    say nothing and keep the connection open (until the server is killed)
  "@close"     close the connection
  "@flood:N"   send N bytes of "x" with no line end, then close
  "@lines:N"   send N lines "250-more", then close
Every message received whole (up to its final ".") is counted in FILE.count next
to --log (default: badsmtpd.log), whatever is answered; commands are logged there.
Standard library only; listens on 127.0.0.1 only; runs until killed.
"""
import argparse
import json
import socket
import sys
import threading

DEFAULT = {
    "greeting": "220 bad.example ESMTP\r\n",
    "EHLO": "250-bad.example\r\n250 AUTH PLAIN LOGIN\r\n",
    "HELO": "250 bad.example\r\n",
    "AUTH": "235 2.7.0 ok\r\n",
    "MAIL": "250 ok\r\n",
    "RCPT": "250 ok\r\n",
    "DATA": "354 go on\r\n",
    "END": "250 ok queued\r\n",
    "QUIT": "221 bye\r\n",
    "other": "500 what?\r\n",
}
lock = threading.Lock()


class Session:
    def __init__(self, conn, script, log):
        self.conn, self.script, self.log = conn, script, log
        self.buf = b""

    def note(self, text):
        with lock, open(self.log, "a") as f:
            f.write(text + "\n")

    def say(self, step):
        """Sends STEP's answer; False when the connection is to end."""
        what = self.script.get(step, DEFAULT[step])
        if what == "@silent":
            threading.Event().wait()
        if what == "@close":
            return False
        if what.startswith("@flood:"):
            self.conn.sendall(b"x" * int(what[7:]))
            return False
        if what.startswith("@lines:"):
            self.conn.sendall(b"250-more\r\n" * int(what[7:]))
            return False
        self.conn.sendall(what.encode("latin-1"))
        return True

    def line(self):
        while b"\n" not in self.buf:
            data = self.conn.recv(65536)
            if not data:
                return None
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return line.rstrip(b"\r")

    def run(self):
        try:
            if not self.say("greeting"):
                return
            while True:
                line = self.line()
                if line is None:
                    return
                verb = line.split(b" ", 1)[0].split(b":", 1)[0].upper().decode("latin-1")
                self.note("> " + (verb if verb == "AUTH" else line.decode("latin-1")))
                if verb == "AUTH" and len(line.split()) == 2:
                    # AUTH PLAIN without the credentials on the line: they come next
                    self.conn.sendall(b"334 \r\n")
                    if self.line() is None:
                        return
                step = verb if verb in DEFAULT and verb not in ("greeting", "END", "other") \
                    else "other"
                if step == "DATA":
                    if not self.say("DATA"):
                        return
                    if self.script.get("DATA", "354").startswith("354"):
                        while True:
                            body = self.line()
                            if body is None:
                                return
                            if body == b".":
                                break
                        with lock, open(self.log + ".count", "a") as f:
                            f.write("1\n")
                        self.note("(a whole message)")
                        if not self.say("END"):
                            return
                    continue
                if not self.say(step) or step == "QUIT":
                    return
        except OSError as e:
            self.note("connection: %s" % e)
        finally:
            try:
                self.conn.close()
            except OSError:
                pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--log", default="badsmtpd.log")
    ap.add_argument("script")
    a = ap.parse_args()
    script = json.loads(a.script)
    unknown = set(script) - set(DEFAULT)
    if unknown:
        ap.error("unknown steps: %s" % ", ".join(sorted(unknown)))
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", a.port))
    lsock.listen(16)
    print(lsock.getsockname()[1], flush=True)
    while True:
        conn, _ = lsock.accept()
        threading.Thread(target=Session(conn, script, a.log).run, daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
