#!/usr/bin/env python3
"""A tenant that breaks the contract, for measuring appint-console and appint
(issue 16; docs/console.md "A tenant that breaks the contract"). Not a test:
the Qt tests use tests/service/FaultServer. Serves discovery, the admin
token, the tenant, roles and spaces correctly and GET /api/v1/clients in one
MODE:

  normal    three clients
  runaway   full pages of new clients at every offset, total 1e9
  repeated  the same full page at every offset, total 1e6
  huge      pages of 488,846 clients (about 200 MB) with a Content-Length
  body200   a 200 MB answer without a Content-Length

  hostile_tenant.py MODE PORTFILE   (writes the port, logs requests to stderr)
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MODE, PORTFILE = sys.argv[1], sys.argv[2]
COUNTS = {}


def client(number):
    cid = "c-%07d" % number
    return {"client_id": cid, "client_name": "Client %d" % number, "purpose": "technical",
            "status": "active", "grant_types": ["client_credentials"], "access": [],
            "redirect_uris": [], "user_id": "USER_%07d" % number, "roles": [],
            "access_token_lifetime": 3600, "refresh_token_lifetime": 0,
            "client_secret_expires_at": 4000000000, "client_id_issued_at": 1700000000,
            "secret_retrievable": False}


def page(first, count, total):
    return json.dumps({"items": [client(n) for n in range(first, first + count)], "total": total},
                      separators=(",", ":")).encode()


REPEATED = page(0, 5000, 1000000) if MODE == "repeated" else b""
HUGE = page(0, 488846, 1000000000) if MODE == "huge" else b""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, body, length=True):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self.count()
        self.send(b'{"access_token":"hostile-admin-token","token_type":"Bearer","expires_in":3600}')

    def count(self):
        path = urlsplit(self.path).path
        COUNTS[path] = COUNTS.get(path, 0) + 1
        sys.stderr.write("%s %s #%d\n" % (self.command, self.path, COUNTS[path]))
        sys.stderr.flush()
        return path

    def do_GET(self):
        path = self.count()
        base = "http://127.0.0.1:%d" % self.server.server_port
        if path == "/.well-known/oauth-authorization-server":
            self.send(json.dumps({"issuer": base, "token_endpoint": base + "/oauth/token"}).encode())
        elif path == "/api/v1/tenant":
            self.send(json.dumps({"tenant_name": "Hostile", "issuer": base,
                                  "authorization_url": base + "/oauth/authorize",
                                  "token_url": base + "/oauth/token", "saml_token_url": "",
                                  "saml_audience": ""}).encode())
        elif path in ("/api/v1/roles", "/api/v1/spaces"):
            self.send(b"[]")
        elif path == "/api/v1/clients":
            query = parse_qs(urlsplit(self.path).query)
            offset = int(query.get("offset", ["0"])[0])
            limit = int(query.get("limit", ["5000"])[0])
            if MODE == "normal":
                self.send(page(0, 3, 3))
            elif MODE == "runaway":
                self.send(page(offset, limit, 1000000000))
            elif MODE == "repeated":
                self.send(REPEATED)
            elif MODE == "huge":
                self.send(HUGE)
            elif MODE == "body200":
                self.send(b'{"items":[],"total":0,"x":"' + b"x" * (200 * 1000 * 1000) + b'"}', length=False)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORTFILE, "w") as f:
    f.write(str(server.server_port))
server.serve_forever()
