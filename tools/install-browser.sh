#!/bin/sh
# Installs what the browser tests and `make screenshots` drive: Debian's chromium, and the Noto
# CJK fonts the plan's characters need. Playwright's own `playwright install` downloads from a
# CDN and cannot work here; Debian's packages come from the package registry. Fast when present.
set -e
CHROMIUM="${CKG_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ] && fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install-browser: need root for: apt-get install -y chromium fonts-noto-cjk (or set CKG_CHROMIUM)" >&2
    exit 1
fi
echo "install-browser: apt-get install chromium fonts-noto-cjk"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
