#!/bin/sh
# tests/install/test-install.sh: install Byline as a distribution would and run what was
# installed, not the build tree's program.
#
#   test-install.sh BUILDDIR PREFIX BINDIR APP_ID PROBE_MODULE
#
# `meson install --destdir` puts Byline into a staging directory, where its desktop file,
# metainfo, MIME type, schema and D-Bus service are checked by their validators. Then, in a
# mount namespace (bubblewrap) where the staged prefix stands in place of PREFIX, so that the
# paths compiled into the program and written into the service file hold:
# - `byline --export` of the sample article gives the same bytes as the build tree's program;
# - on a session bus of its own, which finds the installed D-Bus service, opening the sample
#   through org.freedesktop.Application (as a launcher does for DBusActivatable=true) starts
#   Byline, whose window renders it with every image loaded and finds the installed icons;
# - a second `byline FILE` opens FILE as a second tab of that instance and exits.
# PROBE_MODULE, preloaded into the activated program only, reports what its window shows.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

builddir=$(cd "$1" && pwd) prefix=$2 bindir=$3 app_id=$4 probe=$5
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$builddir/tests/install
stage=$work/stage
sample=$top/data/sample/sample-article.md
object_path=/$(echo "$app_id" | tr . /)

fail () { echo "not ok: $*" >&2; exit 1; }

if [ "${BYLINE_INSTALL_INSIDE:-}" != 1 ]; then
  rm -rf "$stage"
  mkdir -p "$work"
  meson install -C "$builddir" --no-rebuild --destdir "$stage" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "meson install"; }
  root=$stage$prefix
  share=$root/share

  # The files as installed, each through its validator.
  desktop-file-validate "$share/applications/$app_id.desktop"
  grep -qx 'DBusActivatable=true' "$share/applications/$app_id.desktop" ||
    fail "the desktop file is not D-Bus activatable"
  appstreamcli validate --no-net --explain "$share/metainfo/$app_id.metainfo.xml"
  python3 "$top/tests/data-validate/check-mime.py" "$share/mime/packages/$app_id.xml"
  # What gnome.post_install does outside a staging directory, with --strict as a check.
  glib-compile-schemas --strict "$share/glib-2.0/schemas"
  [ -s "$share/glib-2.0/schemas/gschemas.compiled" ] || fail "no compiled schema"
  service=$share/dbus-1/services/$app_id.service
  grep -qx "Name=$app_id" "$service" || fail "the service file names another bus name"
  grep -qx "Exec=$prefix/$bindir/byline --gapplication-service" "$service" ||
    fail "the service file does not start the installed program"
  # Where help:byline is looked up.
  [ -s "$share/help/C/byline/index.page" ] || fail "the help is not installed"
  [ -s "$share/icons/hicolor/scalable/apps/$app_id.svg" ] || fail "the icon is not installed"
  [ -x "$root/$bindir/byline" ] || fail "the program is not installed"

  echo "ok: installed and validated into $stage"
  BYLINE_INSTALL_INSIDE=1 exec bwrap --dev-bind / / --bind "$root" "$prefix" -- \
    sh "$0" "$@"
fi

# From here, in the namespace: PREFIX holds the staged installation. Nothing of the build tree
# is on the way: no schema directory, and data is looked up where it was installed.
unset GSETTINGS_SCHEMA_DIR BYLINE_INSTALL_INSIDE
export XDG_DATA_DIRS="$prefix/share:/usr/share"
# A home of its own, as a first start has: no session or drafts left by other tests.
home=$work/home
rm -rf "$home"
mkdir -p "$home"
export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
  XDG_CACHE_HOME="$home/cache" XDG_STATE_HOME="$home/state"
# WebKit's D-Bus proxies put their sockets there: a short path, as a session has.
XDG_RUNTIME_DIR=$(mktemp -d "${TMPDIR:-/tmp}/byline-install-XXXXXX")
export XDG_RUNTIME_DIR
trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT
byline=$prefix/$bindir/byline

"$byline" --export "$sample" >"$work/installed.json"
"$builddir/src/byline" --export "$sample" >"$work/built.json"
cmp "$work/installed.json" "$work/built.json" || fail "the installed program exports other bytes"
"$byline" --export "$sample" --format html >"$work/installed.html"
"$builddir/src/byline" --export "$sample" --format html >"$work/built.html"
cmp "$work/installed.html" "$work/built.html" || fail "the installed program exports other HTML"
echo "ok: the installed program exports the same bytes"

second=$work/second.md
printf -- '---\ntitle: A Second Article\n---\n\nOpened in the running instance.\n' >"$second"
log=$work/probe.log
rm -f "$log"

# A session bus of its own: it reads the service files under XDG_DATA_DIRS when it starts.
export log second byline app_id object_path sample probe
dbus-run-session -- sh -eu -c '
  wait_for () {
    # A condition, not a time: the test'"'"'s own timeout bounds the wait.
    until grep -qx "$1" "$log" 2>/dev/null; do
      if grep -q "^not ok" "$log" 2>/dev/null; then cat "$log" >&2; exit 1; fi
      sleep 0.1
    done
  }
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.UpdateActivationEnvironment \
    "{\"LD_PRELOAD\": \"$probe\", \"BYLINE_PROBE_LOG\": \"$log\",
      \"BYLINE_PROBE_TITLES\": \"The Slow Draft: Notes on Writing Things That Last|A Second Article\"}" \
    >/dev/null
  # What a launcher does to open a file with a D-Bus activatable application.
  gdbus call --session --dest "$app_id" --object-path "$object_path" \
    --method org.freedesktop.Application.Open "[\"file://$sample\"]" "{}" >/dev/null
  wait_for "rendered The Slow Draft: Notes on Writing Things That Last"
  echo "ok: activated through D-Bus, the window renders the sample"
  # A second start hands the file to the running instance and exits.
  "$byline" "$second"
  wait_for done
  cat "$log"
  # The instance quits once it is done.
  while gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner "$app_id" | grep -q true; do
    sleep 0.1
  done
'
grep -qx "icon $app_id yes" "$log" || fail "the installed application icon is not found"
grep -qx "icon $app_id-symbolic yes" "$log" || fail "the installed symbolic icon is not found"
grep -qx "rendered A Second Article" "$log" || fail "the second file did not open as a tab"
grep -qx "tabs 2" "$log" || fail "the second file did not open in the running instance"
echo "ok: a second byline FILE opens a tab in the running instance"
