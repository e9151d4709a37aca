#!/usr/bin/env bash
# The export is checked in LibreOffice (a real client of the inspection workbook), and its
# printout read back with poppler's pdftotext: make sure `soffice` and `pdftotext` are there;
# on Debian as root, install the headless Calc and poppler-utils packages, else say what is missing.
set -u
present() { command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; }
present && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "LibreOffice or poppler-utils is missing: installing Debian's libreoffice-calc-nogui and poppler-utils"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libreoffice-calc-nogui poppler-utils >/dev/null
  present && exit 0
fi
echo "LibreOffice (soffice) and poppler-utils (pdftotext) are needed by the export tests." >&2
echo "Install them (as root):" >&2
echo "  apt-get install --no-install-recommends libreoffice-calc-nogui poppler-utils" >&2
exit 1
