#!/usr/bin/env python3
"""Hostile-connection load test of appint-server's HTTP edge (issue 10).

Starts appint-server on loopback over a fresh data folder, holds N hostile
connections (kinds below, round robin, each reconnecting shortly after the
server closes it) from several loopback source addresses, and meanwhile
measures a well-behaved client's latency (a keep-alive GET /oauth/jwks and a
client_credentials grant, alternating, every 50 ms) and the server's resident
memory (VmRSS, sampled every 200 ms). Prints one RESULT line; exits 1 if
the good client got an error or no answer.

Hostile kinds:
  big-body      Content-Length: 8 MiB, the body sent as fast as it goes
  max-body      Content-Length: 1 MiB (allowed), all but one byte sent, then silence
  chunked       chunked body, 4 KiB chunks as fast as they go, never the last chunk
  big-header    one 4 MiB header line
  drip          one header byte per second (slowloris)

  tests/bench/server/edge_load.py --server build/ci/bin/appint-server \\
      --connections 1000 --duration 30
"""

import argparse
import base64
import json
import os
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time

KINDS = ["big-body", "max-body", "chunked", "big-header", "drip"]


class Hostile:
    def __init__(self, kind, source, target):
        self.kind, self.source, self.target = kind, source, target
        self.sock = None
        self.reconnect_at = 0.0
        self.sent = 0
        self.next_drip = 0.0
        self.closed_by_server = 0

    def connect(self, sel, now):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.bind((self.source, 0))
        try:
            s.connect(self.target)
        except BlockingIOError:
            pass
        self.sock, self.sent, self.next_drip = s, 0, now
        sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE, self)

    def head(self):
        if self.kind == "big-body":
            return b"POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 8388608\r\n\r\n"
        if self.kind == "max-body":
            return b"POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n"
        if self.kind == "chunked":
            return b"POST /oauth/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        if self.kind == "big-header":
            return b"GET /oauth/jwks HTTP/1.1\r\nHost: x\r\nX-Big: "
        return b""

    def payload(self, now):
        """The next bytes to send, or None for nothing now."""
        if self.sent == 0 and self.kind != "drip":
            return self.head()
        if self.kind == "big-body":
            return b"a" * 65536 if self.sent < 8 * 1024 * 1024 else None
        if self.kind == "max-body":
            left = len(self.head()) + 1048575 - self.sent
            return b"a" * min(65536, left) if left > 0 else None
        if self.kind == "chunked":
            return b"1000\r\n" + b"a" * 4096 + b"\r\n"
        if self.kind == "big-header":
            return b"a" * 65536 if self.sent < 4 * 1024 * 1024 else None
        text = b"GET /oauth/jwks HTTP/1.1\r\nHost: x\r\nX-Drip: " + b"a" * 100000
        if now >= self.next_drip and self.sent < len(text):
            self.next_drip = now + 1.0
            return text[self.sent:self.sent + 1]
        return None

    def drop(self, sel, now):
        if self.sock:
            try:
                sel.unregister(self.sock)
            except (KeyError, ValueError):
                pass
            self.sock.close()
            self.sock = None
        self.reconnect_at = now + 0.5
        self.closed_by_server += 1


def http_exchange(sock, request, timeout=5.0):
    """Sends one request on a keep-alive socket, returns (status, seconds)."""
    start = time.perf_counter()
    sock.sendall(request)
    buf = b""
    sock.settimeout(timeout)
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return 0, time.perf_counter() - start
        buf += chunk
    head, _, body = buf.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return 0, time.perf_counter() - start
        body += chunk
    return int(head[9:12]), time.perf_counter() - start


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="path of appint-server")
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds under attack")
    parser.add_argument("--addresses", type=int, default=8, help="loopback source addresses 127.0.0.2..")
    parser.add_argument("--server-args", default="", help="extra appint-server arguments")
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    data = tempfile.mkdtemp(prefix="appint-edge-load-")
    server = subprocess.Popen([args.server, "--data-dir", data, "--listen", "127.0.0.1:0"] + args.server_args.split(),
                              stdout=subprocess.PIPE, text=True)
    port = None
    for line in server.stdout:
        if line.startswith("listening on http://"):
            port = int(line.strip().rsplit(":", 1)[1])
            break
    if port is None:
        print("appint-server did not start", file=sys.stderr)
        return 1
    target = ("127.0.0.1", port)
    with open(os.path.join(data, "bootstrap-admin.json")) as f:
        admin = json.load(f)
    basic = base64.b64encode(f"{admin['client_id']}:{admin['client_secret']}".encode()).decode()
    grant_body = b"grant_type=client_credentials"
    grant = (f"POST /oauth/token HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {basic}\r\n"
             f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(grant_body)}\r\n\r\n").encode() + grant_body
    jwks = b"GET /oauth/jwks HTTP/1.1\r\nHost: x\r\n\r\n"

    idle_rss = rss_kib(server.pid)
    sel = selectors.DefaultSelector()
    hostiles = [Hostile(KINDS[i % len(KINDS)], f"127.0.0.{2 + i % args.addresses}", target)
                for i in range(args.connections)]
    start = time.monotonic()
    for h in hostiles:
        h.connect(sel, start)

    good = socket.create_connection(target)
    good.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    latencies, failures = [], 0
    max_rss, samples = 0, []
    next_good, next_rss = start + 1.0, start
    end = start + args.duration
    while True:
        now = time.monotonic()
        if now >= end:
            break
        for key, events in sel.select(timeout=0.01):
            h = key.data
            if events & selectors.EVENT_READ:
                try:
                    if not h.sock.recv(65536):
                        h.drop(sel, now)
                        continue
                except OSError:
                    h.drop(sel, now)
                    continue
            if events & selectors.EVENT_WRITE and h.sock:
                chunk = h.payload(now)
                if chunk:
                    try:
                        h.sent += h.sock.send(chunk)
                    except BlockingIOError:
                        pass
                    except OSError:
                        h.drop(sel, now)
                elif h.kind in ("max-body", "drip"):
                    sel.modify(h.sock, selectors.EVENT_READ, h)  # silence until the next drip
        now = time.monotonic()
        for h in hostiles:
            if h.sock is None and now >= h.reconnect_at:
                h.connect(sel, now)
            elif h.kind == "drip" and h.sock is not None and now >= h.next_drip:
                try:
                    sel.modify(h.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, h)
                except (KeyError, ValueError):
                    pass
        if now >= next_rss:
            rss = rss_kib(server.pid)
            samples.append(rss)
            max_rss = max(max_rss, rss)
            next_rss = now + 0.2
        if now >= next_good:
            request = grant if len(latencies) % 2 else jwks
            try:
                status, seconds = http_exchange(good, request)
            except OSError:
                status, seconds = 0, 5.0
            latencies.append(seconds * 1000)
            if status != 200:
                failures += 1
                good.close()
                good = socket.create_connection(target)
            next_good = time.monotonic() + 0.05

    open_hostile = sum(1 for h in hostiles if h.sock is not None)
    closes = sum(h.closed_by_server for h in hostiles)
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"hostile connections: {args.connections} ({', '.join(KINDS)}), from {args.addresses} addresses, "
          f"{args.duration:.0f} s; closed by the server and reopened {closes} times; open at the end {open_hostile}")
    print(f"server RSS: idle {idle_rss / 1024:.1f} MiB, max under attack {max_rss / 1024:.1f} MiB, "
          f"median {statistics.median(samples) / 1024:.1f} MiB")
    print(f"good client: {len(latencies)} requests, {failures} failed; latency p50 {p(0.5):.2f} ms, "
          f"p99 {p(0.99):.2f} ms, max {latencies[-1]:.2f} ms")
    print(f"RESULT rss_max_mib={max_rss / 1024:.1f} good_p50_ms={p(0.5):.2f} good_p99_ms={p(0.99):.2f} "
          f"good_max_ms={latencies[-1]:.2f} good_failures={failures}")
    for h in hostiles:
        if h.sock is not None:
            h.sock.close()
    good.close()
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        print("appint-server did not exit within 30 s of SIGTERM", file=sys.stderr)
        server.kill()
        return 1
    return 1 if failures or not latencies else 0


if __name__ == "__main__":
    sys.exit(main())
