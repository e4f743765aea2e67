#!/usr/bin/env python3
"""cutproxy.py — a TCP proxy for the tests that breaks connections part-way.

usage: cutproxy.py [--port P] [--cuts K] [--stall] [--reset] [--dump FILE] TARGET_PORT N

Listens on 127.0.0.1:P (default: a free port, printed on the first line of stdout)
and forwards every connection to 127.0.0.1:TARGET_PORT. After N bytes from the server
(the client gets exactly N bytes) it drops both connections: closes them (FIN), or
with --reset aborts them (RST), or with --stall keeps them open and forwards nothing
more in either direction (for read timeouts). N = 0 never cuts. Only the first K
connections are cut (default: all of them); later ones pass through whole. --dump
appends every byte the clients send to FILE (to see the commands of a plain-text
session; it holds the password then). Runs until
killed (SIGTERM or SIGINT); logs one line per connection on stderr. Standard library
only; never talks to anything but 127.0.0.1.
"""
import argparse
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

    def __init__(self, num, client, target, limit, stall, reset, dump):
        self.num = num
        self.client = client
        self.target = target
        self.limit = limit  # bytes from the server before the cut; 0: no cut
        self.stall = stall
        self.reset = reset
        self.dump = dump
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

    def pump(self):
        open_ = [self.client, self.server]  # the sides still sending
        while open_:
            ready, _, _ = select.select(open_, [], [])
            for sock in ready:
                data = sock.recv(65536)
                if sock is self.server:
                    if not data:  # the server is done: pass it on
                        self.client.shutdown(socket.SHUT_WR)
                        open_.remove(sock)
                        continue
                    if self.limit and self.down + len(data) >= self.limit:
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
                    if self.dump:
                        with open(self.dump, "ab") as f:
                            f.write(data)
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--cuts", type=int, default=0,
                    help="cut only the first K connections (default: all)")
    ap.add_argument("--stall", action="store_true")
    ap.add_argument("--reset", action="store_true")
    ap.add_argument("--dump", metavar="FILE")
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
            conns.append(Conn(num, client, a.target, limit, a.stall, a.reset, a.dump))
    except KeyboardInterrupt:
        pass
    finally:
        for c in conns:
            c.close()


if __name__ == "__main__":
    main()
