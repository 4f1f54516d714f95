#!/bin/sh
# tests/dist/test-dist.sh: the release tarball builds and passes its tests on its own.
#
#   test-dist.sh BUILDDIR SOURCEDIR VERSION
#
# `meson dist` makes the tarball from the last commit (what a release is cut from; uncommitted
# changes are not in it). It is unpacked where nothing of the repository is beside it (no
# ../shared, no .git), built as distributions build it (--buildtype=release, the plain
# application ID), and the tarball's suites run (all but ui), under the same display and buses
# as this test. Only a git checkout makes tarballs: in a tarball, this test is skipped.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

builddir=$(cd "$1" && pwd) src=$(cd "$2" && pwd) version=$3
work=$builddir/tests/dist
name=byline-$version

if [ ! -e "$src/.git" ]; then
  echo "skipped: $src is not a git checkout (a release tarball is tested by the checkout it came from)"
  exit 77
fi
# A checkout owned by another user than the one building (a CI container) is still read.
export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*'
if ! git -C "$src" rev-parse --verify -q HEAD >/dev/null 2>&1; then
  echo "skipped: git cannot read $src (a git worktree whose repository is out of reach?)"
  exit 77
fi

rm -rf "$work" "$builddir/meson-dist"
mkdir -p "$work"
start=$(date +%s)
meson dist -C "$builddir" --no-tests --allow-dirty --formats xztar >"$work/dist.log" 2>&1 ||
  { cat "$work/dist.log" >&2; echo "not ok: meson dist" >&2; exit 1; }
tarball=$builddir/meson-dist/$name.tar.xz
echo "ok: $(basename "$tarball"), $(wc -c <"$tarball") bytes"

# Unpacked alone: the tests must carry everything they read.
tar -xJf "$tarball" -C "$work"
[ ! -e "$work/shared" ] && [ ! -e "$work/$name/.git" ]
for f in tests/data/lexicons/site/standard/document.json tests/data/records/harbour-wall.record.json \
         data/sample/sample-article.md help/C/index.page po/POTFILES.in; do
  [ -s "$work/$name/$f" ] || { echo "not ok: the tarball lacks $f" >&2; exit 1; }
done

meson setup "$work/build" "$work/$name" --buildtype=release >"$work/setup.log" 2>&1 ||
  { cat "$work/setup.log" >&2; echo "not ok: meson setup of the tarball" >&2; exit 1; }
meson compile -C "$work/build" >"$work/compile.log" 2>&1 ||
  { cat "$work/compile.log" >&2; echo "not ok: the tarball does not build" >&2; exit 1; }
echo "ok: the tarball builds ($(($(date +%s) - start)) s so far)"

# Every suite but ui and a11y, which the checkout's own run has just run on the same sources: the
# tarball's install suite still opens the real window of the program built from it.
meson test -C "$work/build" --no-rebuild --print-errorlogs --num-processes 2 --no-suite ui --no-suite a11y \
  >"$work/test.log" 2>&1 ||
  { cat "$work/test.log" >&2; echo "not ok: the tarball's tests" >&2; exit 1; }
grep -E '^(Ok|Fail|Skipped|Timeout):' "$work/test.log"
echo "ok: the tarball's tests pass ($(($(date +%s) - start)) s in all)"
