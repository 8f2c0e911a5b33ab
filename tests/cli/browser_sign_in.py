#!/usr/bin/python3
"""Plays the person at the browser for `appint login --browser --no-open`.

Usage: browser_sign_in.py AUTHORIZATION_URL USER_NAME  (the password on stdin)

Opens the URL in headless Chromium through WebDriver (Selenium, as
tests/e2e/signin does), signs in on the tenant's own page and waits until
the browser has landed on appint's loopback listener. Exits 0 on success;
otherwise prints why on stderr and exits 1. The password never appears in
argv or in any output.
"""

import shutil
import sys
import tempfile
import urllib.parse

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as error:
    sys.exit("browser_sign_in.py: python3-selenium is missing (%s); run scripts/install-deps.sh" % error)


def main():
    url, user = sys.argv[1], sys.argv[2]
    password = sys.stdin.readline().rstrip("\n")
    redirect = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["redirect_uri"][0]
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,900"):
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="appint-chromium-")
    options.add_argument("--user-data-dir=" + profile)
    browser = None
    try:
        browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        browser.set_page_load_timeout(30)
        browser.get(url)
        WebDriverWait(browser, 20).until(expected_conditions.presence_of_element_located((By.ID, "user_name")))
        browser.find_element(By.ID, "user_name").send_keys(user)
        browser.find_element(By.ID, "password").send_keys(password)
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(browser, 30).until(lambda b: b.current_url.startswith(redirect.rstrip("/")))
        WebDriverWait(browser, 30).until(lambda b: "signed in" in b.page_source)
        print("signed in; the browser is at appint's listener", file=sys.stderr)
        return 0
    except Exception as error:  # noqa: BLE001 (any failure is the test's failure)
        where = browser.current_url if browser else "(no browser)"
        print("browser_sign_in.py: %s: %s (at %s)" % (type(error).__name__, error, where.split("?")[0]),
              file=sys.stderr)
        return 1
    finally:
        if browser:
            browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
