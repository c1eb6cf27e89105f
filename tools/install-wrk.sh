#!/bin/sh
# Installs wrk, the HTTP load driver of `make bench` (benchmarks/bench_http.py), from Debian's
# packages (apt, as root). Fast when present.
set -e
if command -v wrk >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install-wrk: need root for: apt-get install -y wrk" >&2
    exit 1
fi
echo "install-wrk: apt-get install wrk"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
