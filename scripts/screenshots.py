"""Take screenshots of Clearsight's pages in Debian's Chromium, to look at them as a user would.

Usage: .venv/bin/python scripts/screenshots.py [base_url] [email] [out_dir] [path ...]
Needs a running server with demo data (bin/start) and the demo second factor.
"""

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
email = sys.argv[2] if len(sys.argv) > 2 else "admin@anytown.example"
out = Path(sys.argv[3] if len(sys.argv) > 3 else "screenshots")
paths = sys.argv[4:] or ["/", "/people", "/organisations", "/account"]
out.mkdir(exist_ok=True)

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-background-networking"])
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(base + "/sign-in")
    page.screenshot(path=str(out / "sign-in.png"), full_page=True)
    page.fill("#id_email", email)
    page.fill("#id_password", "Clearsight-demo-2026")
    page.click("button[type=submit]")
    if "/security-code" in page.url:
        code = subprocess.run([".venv/bin/python", "manage.py", "demo_code"], capture_output=True, text=True).stdout.strip()
        page.screenshot(path=str(out / "security-code.png"), full_page=True)
        page.fill("#id_otp_token", code)
        page.click("button[type=submit]")
    for path in paths:
        page.goto(base + path)
        name = path.strip("/").replace("/", "_") or "home"
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)
        print(path, "->", page.url, page.title())
    browser.close()
