#!/usr/bin/env python3
"""cutproxy.py — a TCP proxy for the tests that breaks connections part-way.

usage: cutproxy.py [--port P] [--cuts K] [--stall] [--reset] [--up] [--dump FILE]
                   [--dump-down FILE] [--trace FILE] [--plan FILE] TARGET_PORT N

Listens on 127.0.0.1:P (default: a free port, printed on the first line of stdout)
and forwards every connection to 127.0.0.1:TARGET_PORT. After N bytes from the server
(the client gets exactly N bytes) it drops both connections: closes them (FIN), or
with --reset aborts them (RST), or with --stall keeps them open and forwards nothing
more in either direction (for read timeouts). With --up, N counts the bytes from the
client instead: the server gets exactly N bytes, then the client's connection is
closed (or reset, or stalled) while the server's stays open, read and ignored, so
that the server acts on all it was given, as when a reply is lost on its way back.
N = 0 never cuts. Only the first K connections are cut (default: all of them); later
ones pass through whole. --dump appends every byte the clients send to FILE, and
--dump-down every byte the server sends (to see a plain-text session; it holds the
password then); --trace appends one line per piece forwarded, "up SIZE" or "down
SIZE", to find the record boundaries of a TLS session. With --plan, each new
connection first looks for FILE: when it is there, its one line "N [up] [reset]
[stall]" says how to cut this connection, and the file is removed (so that a test
can cut connection after connection without a new proxy); when it is not, the
connection passes whole. Runs until killed (SIGTERM or SIGINT); logs one line per
connection on stderr. Standard library only; never talks
to anything but 127.0.0.1.
"""
import argparse
import os
import select
import signal
import socket
import struct
import sys
import threading

HOST = "127.0.0.1"


def log(msg):
    print("cutproxy: " + msg, file=sys.stderr, flush=True)


class Conn:
    """One proxied connection, in one thread: select() over both sockets, so that no
    other thread sits in recv() on a socket when it is closed (which would delay the
    close, and the RST of --reset, until that recv() returned)."""

    def __init__(self, num, client, target, limit, a):
        self.num = num
        self.client = client
        self.target = target
        self.limit = limit  # bytes (from the server, or with --up the client) before the cut
        self.stall = a.stall
        self.reset = a.reset
        self.up_cut = a.up
        if a.plan:
            try:
                with open(a.plan) as f:
                    words = f.read().split()
                os.unlink(a.plan)
            except FileNotFoundError:
                words = ["0"]
            self.limit = int(words[0])
            self.up_cut, self.reset, self.stall = ("up" in words, "reset" in words,
                                                   "stall" in words)
        self.dump = a.dump
        self.dump_down = a.dump_down
        self.trace = a.trace
        self.server = None
        self.down = 0  # bytes server -> client
        self.up = 0  # bytes client -> server
        threading.Thread(target=self.run, daemon=True).start()

    def close(self, abort=False):
        for sock in (self.client, self.server):
            if sock is None:
                continue
            try:
                if abort:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                sock.close()
            except OSError:
                pass

    def run(self):
        try:
            self.server = socket.create_connection((HOST, self.target), timeout=10)
            self.server.settimeout(None)
        except OSError as e:
            log("connection %d: cannot reach %s:%d: %s" % (self.num, HOST, self.target, e))
            self.close()
            return
        for sock in (self.client, self.server):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self.pump()
        except OSError as e:
            log("connection %d: %s (%d bytes up, %d down)" % (self.num, e, self.up, self.down))
            self.close()

    @staticmethod
    def append(path, data):
        if path:
            with open(path, "ab") as f:
                f.write(data)

    def pump(self):
        open_ = [self.client, self.server]  # the sides still sending
        while open_:
            ready, _, _ = select.select(open_, [], [])
            for sock in ready:
                data = sock.recv(65536)
                if data:
                    self.append(self.trace, b"%s %d\n" % (
                        b"down" if sock is self.server else b"up", len(data)))
                if sock is self.server:
                    if not data:  # the server is done: pass it on
                        self.client.shutdown(socket.SHUT_WR)
                        open_.remove(sock)
                        continue
                    self.append(self.dump_down, data)
                    if self.limit and not self.up_cut and self.down + len(data) >= self.limit:
                        data = data[: self.limit - self.down]
                        self.client.sendall(data)
                        self.down += len(data)
                        self.cut()
                        return
                    self.client.sendall(data)
                    self.down += len(data)
                else:
                    if not data:  # the client is done
                        self.server.shutdown(socket.SHUT_WR)
                        open_.remove(sock)
                        continue
                    if self.limit and self.up_cut and self.up + len(data) >= self.limit:
                        data = data[: self.limit - self.up]
                        self.append(self.dump, data)
                        self.server.sendall(data)
                        self.up += len(data)
                        self.cut_up()
                        return
                    self.append(self.dump, data)
                    self.server.sendall(data)
                    self.up += len(data)
        log("connection %d: closed (%d bytes up, %d down)" % (self.num, self.up, self.down))
        self.close()

    def cut(self):
        if self.stall:
            log("connection %d: stalled after %d bytes from the server" % (self.num, self.down))
            threading.Event().wait()  # both stay open, silent, until the proxy is killed
        log("connection %d: %s after %d bytes from the server"
            % (self.num, "reset" if self.reset else "cut", self.down))
        self.close(abort=self.reset)

    def cut_up(self):
        if self.stall:
            log("connection %d: stalled after %d bytes from the client" % (self.num, self.up))
            threading.Event().wait()
        log("connection %d: %s after %d bytes from the client"
            % (self.num, "reset" if self.reset else "cut", self.up))
        if self.reset:
            self.client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.client.close()
        # the server's side stays open (until the server closes it or the proxy is
        # stopped): it must not see an end that would make it drop what it was given
        while self.server.recv(65536):
            pass
        self.server.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--cuts", type=int, default=0,
                    help="cut only the first K connections (default: all)")
    ap.add_argument("--stall", action="store_true")
    ap.add_argument("--reset", action="store_true")
    ap.add_argument("--up", action="store_true",
                    help="count N in the bytes from the client")
    ap.add_argument("--dump", metavar="FILE")
    ap.add_argument("--dump-down", metavar="FILE")
    ap.add_argument("--trace", metavar="FILE")
    ap.add_argument("--plan", metavar="FILE")
    ap.add_argument("target", type=int)
    ap.add_argument("n", type=int)
    a = ap.parse_args()
    if a.n < 0:
        ap.error("N must be 0 or more")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((HOST, a.port))
    lsock.listen(16)
    print(lsock.getsockname()[1], flush=True)
    conns = []  # keep them referenced (stalled ones stay open)
    num = 0
    try:
        while True:
            client, _ = lsock.accept()
            num += 1
            limit = a.n if (a.cuts == 0 or num <= a.cuts) else 0
            conns.append(Conn(num, client, a.target, limit, a))
    except KeyboardInterrupt:
        pass
    finally:
        for c in conns:
            c.close()


if __name__ == "__main__":
    main()
