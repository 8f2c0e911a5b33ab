#!/usr/bin/python3
"""The authorization code flow of appint-server in a real browser.

Starts the real appint-server (--demo, an ephemeral port, a fresh data
folder), makes users and an Interactive Usage client through its API, opens
the authorization URL in headless Chromium through WebDriver (Selenium),
signs in on the server's own page and lands on a loopback redirect listener
that this test runs. Then exchanges the code, checks the token against the
JWKS with a third-party JOSE library (Authlib), refreshes, and replays the old
refresh token. Authlib's OAuth 2.0 client also runs code + PKCE + refresh on
its own. Code expiry (a clock) is covered by tests/server/TestAuthorizationCode.

Usage: test_authorize.py SERVER_BINARY [SCREENSHOT_DIR]
With SCREENSHOT_DIR, the sign-in page is also saved there at 320 px, at
200 % zoom and at desktop width.
"""

import base64
import hashlib
import html.parser
import http.server
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

SERVER = None
SCREENSHOTS = None
PASSWORD = "correct horse battery"
ROLES_SCHEMA = "urn:appint:params:scim:schemas:extension:roles:2.0:User"


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


class Callback(http.server.BaseHTTPRequestHandler):
    """The application's loopback redirect listener (RFC 8252)."""

    received = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path.startswith("/callback"):  # not the browser's /favicon.ico
            Callback.received.append(self.path)
        body = b"<!DOCTYPE html><title>Signed in</title><p id='done'>You may close this window.</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class FormFields(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden":
            self.fields[attributes["name"]] = attributes.get("value", "")


class SignInFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data_dir = tempfile.mkdtemp(prefix="appint-signin-")
        cls.server = subprocess.Popen(
            [SERVER, "--data-dir", cls.data_dir, "--listen", "127.0.0.1:0", "--demo"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        cls.base = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = cls.server.stdout.readline()
            if not line:
                break
            match = re.match(r"listening on (http://\S+)", line.strip())
            if match:
                cls.base = match.group(1)
                break
        if cls.base is None:
            cls.server.kill()
            raise RuntimeError("appint-server did not say where it listens")
        threading.Thread(target=cls.server.stdout.read, daemon=True).start()
        with open(os.path.join(cls.data_dir, "bootstrap-admin.json"), encoding="utf-8") as f:
            cls.bootstrap = json.load(f)
        cls.metadata = requests.get(cls.base + "/.well-known/oauth-authorization-server", timeout=10).json()
        cls.token_url = cls.metadata["token_endpoint"]

        cls.listener = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Callback)
        threading.Thread(target=cls.listener.serve_forever, daemon=True).start()
        cls.redirect = "http://127.0.0.1:%d/callback" % cls.listener.server_address[1]

        admin = cls.admin_token()
        created = requests.post(cls.base + "/api/v1/clients", timeout=10, headers={"Authorization": "Bearer " + admin},
                                json={"client_name": "Browser test app", "purpose": "interactive",
                                      "redirect_uris": ["http://127.0.0.1/callback"]})
        assert created.status_code == 201, created.text
        cls.client_id = created.json()["client_id"]
        cls.client_secret = created.json()["client_secret"]
        for name, active, roles in (("ALICE", True, ["DW_VIEWER", "DW_MODELER"]), ("BOB", True, ["DW_VIEWER"]),
                                    ("DORA", False, ["DW_VIEWER"]), ("THROTTLED", True, [])):
            user = requests.post(
                cls.base + "/scim/v2/Users", timeout=10,
                headers={"Authorization": "Bearer " + admin, "Content-Type": "application/scim+json"},
                json={"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ROLES_SCHEMA], "userName": name,
                      "password": PASSWORD, "active": active, ROLES_SCHEMA: {"roles": [{"role_id": r} for r in roles]}})
            assert user.status_code == 201, user.text

        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1280,900"):
            options.add_argument(flag)
        cls.profile = tempfile.mkdtemp(prefix="appint-chromium-")
        options.add_argument("--user-data-dir=" + cls.profile)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        cls.browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        cls.browser.set_page_load_timeout(20)

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        cls.listener.shutdown()
        cls.server.terminate()
        try:
            cls.server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            cls.server.kill()
        shutil.rmtree(cls.data_dir, ignore_errors=True)
        shutil.rmtree(cls.profile, ignore_errors=True)

    @classmethod
    def admin_token(cls):
        reply = requests.post(cls.bootstrap["token_url"], timeout=10, data={"grant_type": "client_credentials"},
                              auth=(cls.bootstrap["client_id"], cls.bootstrap["client_secret"]))
        assert reply.status_code == 200, reply.text
        return reply.json()["access_token"]

    def authorize_url(self, challenge, state, redirect=None):
        query = {"response_type": "code", "client_id": self.client_id, "redirect_uri": redirect or self.redirect,
                 "state": state, "code_challenge": challenge, "code_challenge_method": "S256"}
        return self.metadata["authorization_endpoint"] + "?" + urllib.parse.urlencode(query)

    def open_page(self, url):
        self.browser.delete_all_cookies()
        self.browser.get(url)

    def submit(self, user, password):
        self.browser.find_element(By.ID, "user_name").clear()
        self.browser.find_element(By.ID, "user_name").send_keys(user)
        self.browser.find_element(By.ID, "password").send_keys(password)
        # Mark this document, then wait until a new one replaces it. Chromium can
        # answer "Node ... does not belong to the document" while it swaps
        # documents, so any WebDriver error during the swap means "ask again".
        self.browser.execute_script("window.appintOldPage = true;")
        self.browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(self.browser, 15, ignored_exceptions=(WebDriverException,)).until(
            lambda b: b.execute_script("return window.appintOldPage === true;") is False)

    def sign_in_in_browser(self, user, password=PASSWORD):
        """Signs in through the page; returns the callback's query."""
        verifier, challenge = pkce_pair()
        state = secrets.token_urlsafe(12)
        Callback.received.clear()
        self.open_page(self.authorize_url(challenge, state))
        self.submit(user, password)
        WebDriverWait(self.browser, 10).until(lambda b: Callback.received)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(Callback.received[-1]).query)
        self.assertEqual(query["state"], [state])
        self.assertEqual(query["iss"], [self.metadata["issuer"]])
        self.assertTrue(self.browser.current_url.startswith(self.redirect + "?"))
        return query["code"][0], verifier

    def token(self, **form):
        return requests.post(self.token_url, data=form, auth=(self.client_id, self.client_secret), timeout=10)

    def introspect(self, token):
        reply = requests.post(self.metadata["introspection_endpoint"], data={"token": token},
                              auth=(self.client_id, self.client_secret), timeout=10)
        return reply.json()["active"]

    def message(self):
        return self.browser.find_element(By.CSS_SELECTOR, ".message").text

    def no_console_errors(self):
        # The browser asks for /favicon.ico by itself; the page does not.
        errors = [e for e in self.browser.get_log("browser")
                  if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]]
        self.assertEqual(errors, [], "the page caused browser errors (a CSP violation, a missing resource?)")

    def test_full_flow_refresh_and_replay(self):
        code, verifier = self.sign_in_in_browser("ALICE")
        reply = self.token(grant_type="authorization_code", code=code, redirect_uri=self.redirect,
                           code_verifier=verifier)
        self.assertEqual(reply.status_code, 200, reply.text)
        tokens = reply.json()
        self.assertEqual(reply.headers["Cache-Control"], "no-store")
        keys = JsonWebKey.import_key_set(requests.get(self.metadata["jwks_uri"], timeout=10).json())
        claims = jwt.decode(tokens["access_token"], keys)
        claims.validate()
        self.assertEqual(claims["sub"], "ALICE")
        self.assertEqual(claims["iss"], self.metadata["issuer"])
        self.assertEqual(claims["client_id"], self.client_id)
        self.assertEqual(sorted(claims["roles"]), ["DW_MODELER", "DW_VIEWER"])
        self.assertEqual(len(base64.urlsafe_b64decode(tokens["refresh_token"] + "=")), 32)

        renewed = self.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])
        self.assertEqual(renewed.status_code, 200, renewed.text)
        self.assertNotEqual(renewed.json()["refresh_token"], tokens["refresh_token"])
        self.assertTrue(self.introspect(renewed.json()["access_token"]))

        replay = self.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])
        self.assertEqual(replay.status_code, 400)
        self.assertEqual(replay.json()["error"], "invalid_grant")
        family = self.token(grant_type="refresh_token", refresh_token=renewed.json()["refresh_token"])
        self.assertEqual(family.json()["error"], "invalid_grant")
        self.assertFalse(self.introspect(renewed.json()["access_token"]))

    def test_page_is_readable_and_safe(self):
        verifier, challenge = pkce_pair()
        del verifier
        url = self.authorize_url(challenge, "s")
        self.open_page(url)
        self.assertIn("Sign in", self.browser.title)
        self.assertEqual(self.browser.find_element(By.CSS_SELECTOR, "label[for=user_name]").text, "User name")
        self.assertEqual(self.browser.find_element(By.CSS_SELECTOR, "label[for=password]").text, "Password")
        self.assertEqual(self.browser.find_elements(By.TAG_NAME, "script"), [])
        self.no_console_errors()
        headers = requests.get(url, timeout=10).headers
        self.assertIn("frame-ancestors 'none'", headers["Content-Security-Policy"])
        self.assertEqual(headers["X-Frame-Options"], "DENY")
        # 320 CSS pixels wide, and 200 % zoom of a 1280 px window (640 CSS
        # pixels at twice the pixel density): nothing scrolls sideways and
        # the button stays inside the viewport.
        for name, width, scale in (("320", 320, 1), ("zoom200", 640, 2), ("desktop", 1280, 1)):
            self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                         {"width": width, "height": 800, "deviceScaleFactor": scale, "mobile": False})
            self.browser.get(url)
            overflow = self.browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            self.assertLessEqual(overflow, 0, "the page scrolls sideways at %s" % name)
            button = self.browser.find_element(By.CSS_SELECTOR, "button[type=submit]").rect
            self.assertLessEqual(button["x"] + button["width"], width)
            if SCREENSHOTS:
                self.browser.save_screenshot(os.path.join(SCREENSHOTS, "signin-%s.png" % name))
        self.browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def test_wrong_password_and_unknown_user_read_the_same(self):
        verifier, challenge = pkce_pair()
        del verifier
        Callback.received.clear()
        self.open_page(self.authorize_url(challenge, "w"))
        self.submit("BOB", "not the password")
        wrong_password = self.message()
        self.assertEqual(self.browser.find_element(By.ID, "password").get_attribute("value"), "")
        self.submit("NOBODY", PASSWORD)
        self.assertEqual(self.message(), wrong_password)
        self.assertIn("wrong", wrong_password)
        self.assertEqual(Callback.received, [])
        if SCREENSHOTS:
            self.browser.save_screenshot(os.path.join(SCREENSHOTS, "signin-wrong-password.png"))

    def test_disabled_user_is_told(self):
        verifier, challenge = pkce_pair()
        del verifier
        Callback.received.clear()
        self.open_page(self.authorize_url(challenge, "d"))
        self.submit("DORA", PASSWORD)
        self.assertIn("deactivated", self.message())
        self.assertEqual(Callback.received, [])

    def test_redirect_mismatch_never_redirects(self):
        verifier, challenge = pkce_pair()
        del verifier
        Callback.received.clear()
        self.open_page(self.authorize_url(challenge, "m", redirect="http://evil.example.invalid/callback"))
        self.assertTrue(self.browser.current_url.startswith(self.base))
        self.assertIn("not the one registered", self.message())
        self.assertEqual(self.browser.find_elements(By.ID, "password"), [])
        self.assertEqual(Callback.received, [])

    def test_pkce_mismatch_and_code_reuse(self):
        code, verifier = self.sign_in_in_browser("BOB")
        wrong = self.token(grant_type="authorization_code", code=code, redirect_uri=self.redirect,
                           code_verifier=pkce_pair()[0])
        self.assertEqual(wrong.json()["error"], "invalid_grant")

        code, verifier = self.sign_in_in_browser("BOB")
        first = self.token(grant_type="authorization_code", code=code, redirect_uri=self.redirect,
                           code_verifier=verifier)
        self.assertEqual(first.status_code, 200, first.text)
        self.assertTrue(self.introspect(first.json()["access_token"]))
        second = self.token(grant_type="authorization_code", code=code, redirect_uri=self.redirect,
                            code_verifier=verifier)
        self.assertEqual(second.json()["error"], "invalid_grant")
        self.assertFalse(self.introspect(first.json()["access_token"]))
        self.assertEqual(self.token(grant_type="refresh_token", refresh_token=first.json()["refresh_token"])
                         .json()["error"], "invalid_grant")

    def test_third_party_client_authlib(self):
        """Authlib's OAuth 2.0 client (not ours) runs code + PKCE + refresh."""
        session = OAuth2Session(self.client_id, self.client_secret, redirect_uri=self.redirect,
                                code_challenge_method="S256", token_endpoint_auth_method="client_secret_basic")
        verifier = secrets.token_urlsafe(48)
        url, state = session.create_authorization_url(self.metadata["authorization_endpoint"], code_verifier=verifier)
        # The user's part, without a browser: the page, its cookie, the form.
        agent = requests.Session()
        page = agent.get(url, timeout=10)
        self.assertEqual(page.status_code, 200)
        fields = FormFields()
        fields.feed(page.text)
        answer = agent.post(urllib.parse.urljoin(url, "authorize"), allow_redirects=False, timeout=10,
                            data=dict(fields.fields, user_name="ALICE", password=PASSWORD))
        self.assertEqual(answer.status_code, 303)
        token = session.fetch_token(self.token_url, authorization_response=answer.headers["Location"],
                                    code_verifier=verifier, state=state)
        self.assertIn("refresh_token", token)
        self.assertEqual(token["token_type"], "Bearer")
        renewed = session.refresh_token(self.token_url, refresh_token=token["refresh_token"])
        self.assertNotEqual(renewed["refresh_token"], token["refresh_token"])
        self.assertTrue(self.introspect(renewed["access_token"]))

    def test_z_throttling(self):
        """Runs last (name): it blocks sign-ins from this address."""
        verifier, challenge = pkce_pair()
        del verifier
        self.open_page(self.authorize_url(challenge, "t"))
        for attempt in range(10):
            self.submit("THROTTLED", "wrong %d" % attempt)
            self.assertIn("wrong", self.message())
        self.submit("THROTTLED", PASSWORD)
        self.assertIn("Too many failed sign-ins", self.browser.find_element(By.TAG_NAME, "h1").text)
        # Client authentication is counted apart: the client still gets tokens.
        self.assertTrue(self.admin_token())


if __name__ == "__main__":
    SERVER = sys.argv[1]
    if len(sys.argv) > 2:
        SCREENSHOTS = sys.argv[2]
        os.makedirs(SCREENSHOTS, exist_ok=True)
    unittest.main(argv=[sys.argv[0], "-v"])
