#!/usr/bin/env bash
# Installs the Debian packages Campus needs, when missing (with sudo when not root).
#   scripts/deps.sh         what `make run` needs
#   scripts/deps.sh test    plus what the tests need (headless Chromium, its WebDriver, wrk,
#                           Java for the HTML checker, Python's venv for test tools from PyPI,
#                           zbarimg to read QR codes, openssl to check signatures)
# The Swift toolchain is a prerequisite: checked, never downloaded.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "deps.sh: the Swift toolchain (6.0 or later) is required: https://www.swift.org/install/linux/" >&2
  exit 1
fi

packages=(libfcgi-dev libpq-dev libsodium-dev libqrencode-dev pkg-config postgresql postgresql-contrib nginx-light curl)
if [ "${1:-}" = test ]; then
  packages+=(chromium chromium-driver wrk john-data python3-venv zbar-tools openssl)
  # Any Java 11 or later runs the HTML checker; a machine with its own keeps it.
  command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  # nginx-light or any other nginx flavour will do.
  if [ "$package" = nginx-light ] && command -v nginx >/dev/null 2>&1; then continue; fi
  case "$status" in *"ok installed"*) ;; *) missing+=("$package") ;; esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "deps.sh: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
