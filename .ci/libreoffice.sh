#!/usr/bin/env bash
# The export is checked in LibreOffice (a real client of the inspection workbook): make sure
# `soffice` is there; on Debian as root, install the headless Calc package, else say what is missing.
set -u
command -v soffice >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "LibreOffice is missing: installing Debian's libreoffice-calc-nogui"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libreoffice-calc-nogui >/dev/null
  command -v soffice >/dev/null 2>&1 && exit 0
fi
echo "LibreOffice (soffice) is needed by the export test. Install it (as root):" >&2
echo "  apt-get install --no-install-recommends libreoffice-calc-nogui" >&2
exit 1
