#!/usr/bin/env bash
# Checks that Qt (PySide6) can start on the platform it will use; on Debian as root, installs
# what is missing, else names the packages.
#   .ci/qt-deps.sh PYTHON [PLATFORM]
# PLATFORM: offscreen (the tests), or the one `make run` will use: `.ci/qt-deps.sh PY --platform`
# prints it (QT_QPA_PLATFORM when set, xcb when there is a display, else offscreen).
set -u
PY="${1:-python3}"
PLATFORM="${2:-offscreen}"

detect_platform() {
  if [ -n "${QT_QPA_PLATFORM:-}" ]; then echo "$QT_QPA_PLATFORM"
  elif [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then echo xcb
  else echo offscreen
  fi
}
if [ "$PLATFORM" = "--platform" ]; then detect_platform; exit 0; fi
PLATFORM="${PLATFORM%%:*}"  # "xcb:..." options are Qt's, not ours

BASE="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core"
# what Qt's xcb plugin links to, and libxcb-cursor, which Qt 6.5+ loads at start and refuses
# to go on without ("xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin")
XCB="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
     libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
     libx11-xcb1 libxrender1 libxi6 libsm6 libice6"
PKGS="$BASE"
[ "$PLATFORM" = "xcb" ] && PKGS="$BASE $(echo $XCB)"

qt_dir() { "$PY" -c "import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), 'Qt'))" 2>/dev/null; }

# the libraries the platform plugin needs, found without a display (a display that is not
# reachable, or not there yet, says nothing about what is installed)
libraries_present() {
  [ "$PLATFORM" = "xcb" ] || return 0
  local qt; qt=$(qt_dir) || return 1
  command -v ldd >/dev/null 2>&1 || return 0
  if ldd "$qt/plugins/platforms/libqxcb.so" "$qt/lib/libQt6XcbQpa.so.6" 2>/dev/null | grep -q "not found"; then
    return 1
  fi
  ldconfig -p 2>/dev/null | grep -q "libxcb-cursor.so.0"
}

# Qt itself starting on the platform (xcb: only when the display answers)
starts() {
  if [ "$PLATFORM" = "xcb" ] && [ -n "${DISPLAY:-}" ] && command -v xdpyinfo >/dev/null 2>&1 \
      && ! xdpyinfo >/dev/null 2>&1; then
    return 0  # nobody to talk to: the libraries were checked above
  fi
  QT_QPA_PLATFORM="$PLATFORM" "$PY" -c "from PySide6.QtWidgets import QApplication; QApplication([])" >/dev/null 2>&1
}

probe() { libraries_present && starts; }

probe && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Qt cannot start on the $PLATFORM platform: installing Debian packages $PKGS"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PKGS >/dev/null
  probe && exit 0
fi
echo "Qt cannot start on the $PLATFORM platform. Install these Debian packages (as root):" >&2
echo "  apt-get install $PKGS" >&2
QT_QPA_PLATFORM="$PLATFORM" "$PY" -c "from PySide6.QtWidgets import QApplication; QApplication([])" 2>&1 | tail -3 >&2
exit 1
