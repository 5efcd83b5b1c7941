#!/bin/sh
# Install the Debian packages setara needs, only when some are missing.
# Used by 'make deps' (and so by 'make check', 'make demo', 'make bench').
set -eu
pkgs="gcc make pkg-config libxml2-dev libxslt1-dev libxmlsec1-dev
libxmlsec1-openssl libssl-dev libsqlite3-dev zlib1g-dev check xmlsec1 openssl
sqlite3
libxml2-utils"
# JSON for Verifiable Credentials (src/vc): duplicate keys refused, order kept.
pkgs="$pkgs libjansson-dev"
# Independent readers of setara's VC proofs and status lists in the tests
# (Python's cryptography package: tests/e2e/vc-interop, vc-status-publish).
pkgs="$pkgs python3 python3-cryptography"
# QR codes on rendered pages (the "verify this document" link).
pkgs="$pkgs libqrencode-dev"
# The HTTP service (setara serve, src/serve); curl drives its tests.
pkgs="$pkgs libmicrohttpd-dev curl"
# Headless Chromium for the screenshot test of rendered pages (tests/render/),
# and the fonts for the region's scripts: Noto Sans Thai, Khmer, Lao and
# Myanmar (fonts-noto-core); Vietnamese is Latin (DejaVu).
pkgs="$pkgs chromium fonts-noto-core fonts-dejavu-core"
# The register on PostgreSQL (src/store/register_pg.c): libpq, and the
# server the tests start a throwaway instance of (tests/pg.sh).
pkgs="$pkgs libpq-dev postgresql"
# Optional extras named by the environment (e.g. SETARA_DEPS_EXTRA=valgrind).
pkgs="$pkgs ${SETARA_DEPS_EXTRA:-}"
missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
SUDO=
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo
	else
		echo "deps: missing packages:$missing (run as root or install them)" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
