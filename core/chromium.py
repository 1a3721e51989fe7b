"""How Playwright starts Debian's Chromium, for the browser tests (tests/browser/conftest.py)
and the README's screenshots (bin/screenshots.py): one list of flags for both.

No sandbox (it needs privileges a container lacks), no GPU, and nothing of its own online:
no background requests, component updates, sync or first-run pages.
"""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
