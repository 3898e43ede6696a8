#!/usr/bin/env bash
# Makes a fresh clone ready: system packages for the given purpose, then node modules.
#   scripts/setup.sh demo   fonts for the form printer's PDFs
#   scripts/setup.sh test   also Chromium (Playwright drives Debian's) and socat (serial pty pairs)
set -euo pipefail
cd "$(dirname "$0")/.."

purpose=${1:-demo}
packages=(fonts-wqy-microhei)
[ "$purpose" = test ] && packages+=(chromium socat)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "== installing system packages: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	else
		echo "Missing system packages: ${missing[*]}. Run as root:" >&2
		echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
fi

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node 20.19 or newer is needed, this is "+process.version); process.exit(1) }'

# npm ci only when the lock file changed since the last install (better-sqlite3 compiles natively).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "== installing node modules (a native build of better-sqlite3 takes about a minute)"
	npm ci --no-audit --no-fund
fi
