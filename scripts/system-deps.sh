#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Qt (and the export tests) need, if any are missing.
# Used by `make run`, `make test` and CI. `headless` is enough for tests and chart export;
# `desktop` adds what Qt's X11 (xcb) platform plugin needs to open a window on a desktop.
set -euo pipefail
mode="${1:-headless}"
pkgs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 fonts-dejavu-core libdbus-1-3 libglib2.0-0)
# the tests open exported PDFs and SVGs in two independent programs each, as readers would
# (poppler-utils, ghostscript; librsvg2-bin, inkscape): only for `make test`, not `make run`
if [ "$mode" = headless ]; then
  pkgs+=(poppler-utils ghostscript librsvg2-bin inkscape)
  # GNU PSPP and R run the SPSS and R syntax of a data export (tests/test_stats_syntax.py)
  pkgs+=(pspp r-base-core)
fi
if [ "$mode" = desktop ]; then
  pkgs+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
         libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxcb-xinerama0)
fi
command -v dpkg-query >/dev/null || exit 0   # not Debian-like: nothing we can check
need=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing system packages Qt needs: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Please install as root: apt-get install ${need[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
