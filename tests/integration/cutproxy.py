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
import signal
import socket
import struct
import sys
import threading

HOST = "127.0.0.1"


def log(msg):
    print("cutproxy: " + msg, file=sys.stderr, flush=True)


class Conn:
    def __init__(self, num, client, target, limit, stall, reset, dump):
        self.num = num
        self.dump = dump
        self.client = client
        self.limit = limit  # bytes from the server before the cut; 0: no cut
        self.stall = stall
        self.reset = reset
        self.down = 0  # bytes server -> client
        self.up = 0  # bytes client -> server
        self.lock = threading.Lock()
        self.cut = threading.Event()
        self.closed = False
        try:
            self.server = socket.create_connection((HOST, target), timeout=10)
            self.server.settimeout(None)
        except OSError as e:
            log("connection %d: cannot reach %s:%d: %s" % (num, HOST, target, e))
            self.server = None
            self.close()
            return
        for sock in (client, self.server):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=self.pump_up, daemon=True).start()
        threading.Thread(target=self.pump_down, daemon=True).start()

    def close(self, abort=False):
        with self.lock:
            if self.closed:
                return
            self.closed = True
        for sock in (self.client, self.server):
            if sock is None:
                continue
            try:
                if abort:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                else:
                    sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                sock.close()
            except OSError:
                pass

    def do_cut(self):
        self.cut.set()
        if self.stall:
            log("connection %d: stalled after %d bytes from the server" % (self.num, self.down))
            return  # keep both open; the pumps stop forwarding
        log("connection %d: %s after %d bytes from the server"
            % (self.num, "reset" if self.reset else "cut", self.down))
        self.close(abort=self.reset)

    def pump_down(self):
        """server -> client, counting and cutting"""
        try:
            while not self.cut.is_set():
                data = self.server.recv(65536)
                if not data:
                    break
                if self.limit and self.down + len(data) >= self.limit:
                    data = data[: self.limit - self.down]
                    self.client.sendall(data)
                    self.down += len(data)
                    self.do_cut()
                    return
                self.client.sendall(data)
                self.down += len(data)
            if not self.cut.is_set():
                # the server closed: pass the end on, let the client finish
                try:
                    self.client.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
        except OSError:
            if not self.cut.is_set():
                self.close()

    def pump_up(self):
        """client -> server"""
        try:
            while True:
                data = self.client.recv(65536)
                if not data or self.cut.is_set():
                    break
                if self.dump:
                    with open(self.dump, "ab") as f:
                        f.write(data)
                self.server.sendall(data)
                self.up += len(data)
        except OSError:
            pass
        if self.cut.is_set():
            return  # cut (closed already) or stalled (stays open until killed)
        log("connection %d: closed by the client (%d bytes up, %d down)"
            % (self.num, self.up, self.down))
        self.close()


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
