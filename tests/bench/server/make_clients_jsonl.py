#!/usr/bin/env python3
"""Writes N clients as JSON lines for `appint-server --import` (issue 11):
a third each technical (unique user IDs, role DW_VIEWER), API and
interactive, with names of realistic length. Seeds a tenant for benchmarks:

    tests/bench/server/make_clients_jsonl.py 100000 > clients.jsonl
    appint-server --data-dir DIR --listen 127.0.0.1:0   # once, then stop it
    appint-server --data-dir DIR --import clients.jsonl --import-secrets-out secrets.jsonl
"""
import json
import random
import sys

WORDS = ["Reporting", "Nightly", "Export", "Loader", "SCIM", "Provisioning", "Signavio",
         "Transport", "Robot", "Analytics", "Finance", "Sales", "Marketplace", "OData"]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = random.Random(7)
    out = sys.stdout
    for i in range(count):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
        kind = i % 3
        if kind == 0:
            client = {"client_name": name, "purpose": "technical", "user_id": f"TU_{i:06d}",
                      "roles": [{"role_id": "DW_VIEWER"}]}
        elif kind == 1:
            client = {"client_name": name, "purpose": "api", "access": ["user_provisioning"]}
        else:
            client = {"client_name": name, "purpose": "interactive",
                      "redirect_uris": ["https://app.example.com/callback"]}
        out.write(json.dumps(client, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
