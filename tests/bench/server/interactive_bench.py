#!/usr/bin/python3
"""Sign-ins and refresh grants per second of appint-server (issue 12).

Starts the real appint-server on 127.0.0.1 over a fresh data folder, makes
an Interactive Usage client and USERS users through its API, then for
DURATION seconds each runs:

  sign-ins: WORKERS threads, each GET /oauth/authorize (the page) and
            POST /oauth/authorize (the password check) -> 303 with a code;
  refresh:  WORKERS threads, each with its own refresh token, POST
            /oauth/token grant_type=refresh_token in a loop (rotation: each
            answer's token is the next request's).

Prints one RESULT line per phase. Asserts nothing about speed; fails if any
answer is not the expected one. Keep-alive connections (http.client), one
per thread; the driver runs on the same cores as the server.

Usage: interactive_bench.py SERVER [--duration 10] [--workers 4] [--users 20]
"""

import argparse
import base64
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse

PASSWORD = "benchmark password 1"
ROLES = "urn:appint:params:scim:schemas:extension:roles:2.0:User"


class Connection:
    def __init__(self, base):
        url = urllib.parse.urlparse(base)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)

    def request(self, method, path, body=None, headers=None):
        self.conn.request(method, path, body=body, headers=headers or {})
        reply = self.conn.getresponse()
        return reply.status, dict(reply.getheaders()), reply.read()


def form(fields):
    return urllib.parse.urlencode(fields)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("server")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=20)
    args = parser.parse_args()

    data = tempfile.mkdtemp(prefix="appint-ibench-")
    server = subprocess.Popen([args.server, "--data-dir", data, "--listen", "127.0.0.1:0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = None
        for line in server.stdout:
            match = re.match(r"listening on (http://\S+)", line.strip())
            if match:
                base = match.group(1)
                break
        threading.Thread(target=server.stdout.read, daemon=True).start()
        with open(os.path.join(data, "bootstrap-admin.json"), encoding="utf-8") as f:
            boot = json.load(f)
        c = Connection(base)
        basic = "Basic " + base64.b64encode(("%s:%s" % (boot["client_id"], boot["client_secret"])).encode()).decode()
        status, _, body = c.request("POST", "/oauth/token", form({"grant_type": "client_credentials"}),
                                    {"Authorization": basic, "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, body
        admin = {"Authorization": "Bearer " + json.loads(body)["access_token"], "Content-Type": "application/json"}
        status, _, body = c.request("POST", "/api/v1/clients", json.dumps(
            {"client_name": "Bench", "purpose": "interactive", "redirect_uris": ["http://127.0.0.1/cb"]}), admin)
        assert status == 201, body
        client = json.loads(body)
        client_basic = "Basic " + base64.b64encode(
            ("%s:%s" % (client["client_id"], client["client_secret"])).encode()).decode()
        users = ["BENCH_%d" % i for i in range(args.users)]
        for name in users:
            status, _, body = c.request("POST", "/scim/v2/Users", json.dumps(
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ROLES], "userName": name,
                 "password": PASSWORD, ROLES: {"roles": [{"role_id": "DW_VIEWER"}]}}), admin)
            assert status == 201, body

        def sign_in(conn, name):
            verifier = secrets.token_urlsafe(48)
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            query = form({"response_type": "code", "client_id": client["client_id"],
                          "redirect_uri": "http://127.0.0.1:9/cb", "code_challenge": challenge,
                          "code_challenge_method": "S256", "state": "b"})
            status, headers, page = conn.request("GET", "/oauth/authorize?" + query)
            assert status == 200, page
            cookie = headers["Set-Cookie"].split(";")[0]
            fields = dict(re.findall(r'name="(request_id|form_token)" value="([^"]*)"', page.decode()))
            fields.update(user_name=name, password=PASSWORD)
            status, headers, body = conn.request("POST", "/oauth/authorize", form(fields), {
                "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
            assert status == 303, (status, body)
            code = urllib.parse.parse_qs(urllib.parse.urlparse(headers["Location"]).query)["code"][0]
            return code, verifier

        def exchange(conn, code, verifier):
            status, _, body = conn.request("POST", "/oauth/token", form(
                {"grant_type": "authorization_code", "code": code, "redirect_uri": "http://127.0.0.1:9/cb",
                 "code_verifier": verifier}), {"Authorization": client_basic,
                                               "Content-Type": "application/x-www-form-urlencoded"})
            assert status == 200, body
            return json.loads(body)["refresh_token"]

        def run(phase, work):
            counts = [0] * args.workers
            latencies = [[] for _ in range(args.workers)]
            errors = []
            stop = time.monotonic() + args.duration

            def worker(index):
                try:
                    conn = Connection(base)
                    state = work(conn, index, None)
                    while time.monotonic() < stop:
                        started = time.perf_counter()
                        state = work(conn, index, state)
                        latencies[index].append(time.perf_counter() - started)
                        counts[index] += 1
                except Exception as error:  # reported below
                    errors.append(repr(error))

            began = time.monotonic()
            threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.workers)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.monotonic() - began
            if errors:
                raise SystemExit("%s failed: %s" % (phase, errors[0]))
            every = sorted(x for chunk in latencies for x in chunk)
            total = sum(counts)
            p50 = statistics.median(every) * 1000
            p99 = every[int(len(every) * 0.99) - 1] * 1000
            print("RESULT %s: %.1f/s (%d in %.1f s, %d workers) p50 %.1f ms p99 %.1f ms, load %.2f" % (
                phase, total / elapsed, total, elapsed, args.workers, p50, p99, os.getloadavg()[0]), flush=True)

        def sign_in_work(conn, index, state):
            if state is None:
                return 0
            sign_in(conn, users[(index + state * args.workers) % len(users)])
            return state + 1

        def refresh_work(conn, index, token):
            if token is None:
                return exchange(conn, *sign_in(conn, users[index % len(users)]))
            status, _, body = conn.request("POST", "/oauth/token", form(
                {"grant_type": "refresh_token", "refresh_token": token}), {
                "Authorization": client_basic, "Content-Type": "application/x-www-form-urlencoded"})
            assert status == 200, body
            return json.loads(body)["refresh_token"]

        run("sign-ins (GET page + POST password, Argon2id)", sign_in_work)
        run("refresh_token grants (rotation, one SQLite transaction each)", refresh_work)
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
