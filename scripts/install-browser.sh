#!/usr/bin/env bash
# Install Debian's Chromium and its WebDriver for the web UI tests (tests/web/test_browser.py).
# Nothing is downloaded at test time: the tests drive /usr/bin/chromium through /usr/bin/chromedriver.
# Needs root when the packages are missing; does nothing when they are there.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "warning: chromium/chromedriver missing and not root; the browser tests will be skipped" >&2
  exit 0
fi
echo "installing chromium and chromium-driver (Debian packages)..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  chromium chromium-driver fonts-dejavu-core >&2
