#!/usr/bin/env bash
# Installs the system packages the harness links against, when missing (Debian/Ubuntu, apt-get),
# and headless Chromium with its WebDriver for the rating page's real-browser test
# (Tests/StudyServerTests/BrowserTests.swift; skipped, with that reason, where they are absent).
set -euo pipefail
packages=(libopenblas-dev libpng-dev libjpeg-dev libsqlite3-dev pkg-config chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: system packages present (${packages[*]})"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
