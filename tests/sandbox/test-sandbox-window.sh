#!/bin/sh
# tests/sandbox/test-sandbox-window.sh: Byline's window in a sandbox that shows it the article
# alone.
#
#   test-sandbox-window.sh TEST-PROGRAM BUILD-ROOT
#
# As test-sandbox.sh does for the command line, this makes the Flatpak sandbox with bubblewrap:
# the system's /usr and /etc, Flatpak's marker file /.flatpak-info, the build tree (read-only),
# and the article under /run/user/UID/doc/ as the document portal puts it, in a folder that
# cannot be written, its images beside it on disk but out of sight. TEST-PROGRAM (test-sandbox-window.c) then drives the real window in
# it, on the display and the session bus the suite runs with, which the sandbox lets through.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

program=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build_root=$(cd "$2" && pwd)

# The window needs a display and a session bus, as the ui tests do.
if [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "skip: no display or session bus (run under xvfb-run and dbus-run-session)"
  exit 77
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/byline-sandbox-window-XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/images" "$dir/shots"
# A 1×1 PNG, for the cover and a figure that exist beside the article.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001\000\000\000\001\010\006\000\000\000\037\025\304\211\000\000\000\rIDATx\234c\370\017\000\000\001\001\000\005\030\330N\000\000\000\000IEND\256B`\202' \
  >"$dir/images/cover.png"
cp "$dir/images/cover.png" "$dir/images/figure.png"
cat >"$dir/article.md" <<'ARTICLE'
---
title: Out of Sight
site: https://example.com
publishedAt: 2026-01-05
coverImage: images/cover.png
---

A figure beside the article:

![The figure](images/figure.png)
ARTICLE
printf '[Application]\nname=io.github.byline.Byline\n' >"$dir/flatpak-info"

runtime=/run/user/$(id -u)
doc=$runtime/doc/4e2a7c1f
set -- --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
  --symlink usr/bin /bin --symlink usr/sbin /sbin --ro-bind /etc /etc \
  --proc /proc --dev /dev --tmpfs /tmp --ro-bind "$dir/flatpak-info" /.flatpak-info \
  --ro-bind "$build_root" "$build_root" \
  --dir "$runtime" --chmod 0700 "$runtime" \
  --tmpfs "$doc" --ro-bind "$dir/article.md" "$doc/article.md" --remount-ro "$doc"
[ -d /var/cache/fontconfig ] && set -- "$@" --ro-bind /var/cache/fontconfig /var/cache/fontconfig

# The display: the X server's socket, and its authority file when it has one.
set -- "$@" --ro-bind /tmp/.X11-unix /tmp/.X11-unix
if [ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ]; then
  set -- "$@" --ro-bind "$XAUTHORITY" "$XAUTHORITY"
fi
# The session bus: a socket on disk is bound in; an abstract one is reachable as it is (the
# sandbox keeps the network namespace).
case $DBUS_SESSION_BUS_ADDRESS in
  unix:path=*)
    socket=${DBUS_SESSION_BUS_ADDRESS#unix:path=}
    socket=${socket%%,*}
    set -- "$@" --ro-bind "$socket" "$socket"
    ;;
esac
# Screenshots, for people to look at, are written outside.
if [ -n "${BYLINE_TEST_SCREENSHOTS:-}" ]; then
  mkdir -p "$BYLINE_TEST_SCREENSHOTS"
  set -- "$@" --bind "$BYLINE_TEST_SCREENSHOTS" /tmp/shots --setenv BYLINE_TEST_SCREENSHOTS /tmp/shots
fi

# WebKit, seeing /.flatpak-info, would ask Flatpak's portal to start its web process in a
# sandbox of its own, and there is no such portal here (and WebKit's own bubblewrap sandbox
# does not nest inside this one). This test is about what Byline can see, not about WebKit's
# sandbox: the web process runs unsandboxed, inside this bubblewrap sandbox, for this test only.
# For the same reason GTK, which in Flatpak asks the portal for its file dialogs, shows its own
# (GDK_DEBUG=no-portals), as the ui tests' session does.
status=0
bwrap "$@" \
  --setenv HOME /tmp/home --setenv XDG_CONFIG_HOME /tmp/home/config \
  --setenv XDG_DATA_HOME /tmp/home/data --setenv XDG_CACHE_HOME /tmp/home/cache \
  --setenv XDG_STATE_HOME /tmp/home/state --setenv XDG_RUNTIME_DIR "$runtime" \
  --setenv BYLINE_SANDBOX_ARTICLE "$doc/article.md" \
  --setenv WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS 1 \
  --setenv GTK_A11Y none --setenv GDK_DEBUG no-portals \
  --unshare-pid --unshare-ipc --die-with-parent -- "$program" || status=$?
exit $status
