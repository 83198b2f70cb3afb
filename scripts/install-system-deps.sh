#!/usr/bin/env bash
# Install the Debian packages Minh Chứng uses, only those that are missing:
# LibreOffice (DOC/ODT/RTF conversion, test fixtures), Tesseract with Vietnamese (scanned PDFs),
# poppler-utils (pdftoppm); with --dev also Chromium (browser tests only: `make test`, not `make run`).
# Needs root or sudo; otherwise says what to install.
set -euo pipefail
declare -A need=(
  [soffice]=libreoffice-writer-nogui
  [tesseract]=tesseract-ocr
  [pdftoppm]=poppler-utils
)
[ "${1:-}" = "--dev" ] && need[chromium]=chromium
missing=()
for tool in "${!need[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${need[$tool]}")
done
[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-vie)
[ ${#missing[@]} -eq 0 ] && exit 0
extra=(fonts-dejavu-core fonts-liberation)
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "Please install as root: apt-get install ${missing[*]} ${extra[*]}" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" "${extra[@]}" >/dev/null
