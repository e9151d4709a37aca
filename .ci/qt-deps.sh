#!/usr/bin/env bash
# Checks that Qt (PySide6) can load its platform plugins; on Debian as root, installs what is missing.
set -u
PY="${1:-python3}"
PKGS="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core"
probe() {
  QT_QPA_PLATFORM=offscreen "$PY" -c "from PySide6.QtWidgets import QApplication; QApplication([])" >/dev/null 2>&1
}
probe && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Qt cannot start: installing Debian packages $PKGS"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PKGS >/dev/null
  probe && exit 0
fi
echo "Qt cannot start on this machine. Install these Debian packages (as root):" >&2
echo "  apt-get install $PKGS" >&2
QT_QPA_PLATFORM=offscreen "$PY" -c "from PySide6.QtWidgets import QApplication; QApplication([])" 2>&1 | tail -3 >&2
exit 1
