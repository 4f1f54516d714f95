#!/bin/sh
# tests/sandbox/test-sandbox.sh: Byline in a sandbox that shows it the article alone.
#
#   test-sandbox.sh BYLINE
#
# In the Flatpak sandbox, an article opened from outside what Byline may see comes through the
# document portal, which shows Byline that one file, not its folder. This test makes that
# sandbox with bubblewrap: the system's /usr and /etc, Flatpak's marker file /.flatpak-info,
# the program, and the article under /run/user/UID/doc/ as the portal puts it, with the images
# beside it on disk but out of sight. What cannot be read must be named, with the reason.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

byline=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fail () { echo "not ok: $*" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/byline-sandbox-XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/images" "$dir/out"
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

# Outside the sandbox, the page carries its image and the export succeeds.
"$byline" --export "$dir/article.md" --format html --output "$dir/out/page.html"
grep -q 'src="data:image/png;base64,' "$dir/out/page.html" || fail "the image is not embedded"

doc=/run/user/$(id -u)/doc/4e2a7c1f
sandbox () {
  printf '[Application]\nname=io.github.byline.Byline\n' >"$dir/flatpak-info"
  bwrap --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 \
    --symlink usr/bin /bin --symlink usr/sbin /sbin --ro-bind /etc /etc \
    --proc /proc --dev /dev --tmpfs /tmp --ro-bind "$dir/flatpak-info" /.flatpak-info \
    --ro-bind "$(dirname "$byline")" "$(dirname "$byline")" \
    --ro-bind "$dir/article.md" "$doc/article.md" --bind "$dir/out" /tmp/out \
    --unshare-pid --unshare-ipc --die-with-parent -- "$byline" "$@"
}

# In it, the article is there and its images are not.
sandbox --check "$doc/article.md" >/dev/null 2>"$dir/check.err" && status=0 || status=$?
cat "$dir/check.err"
[ "$status" = 1 ] || fail "--check of an article whose cover is out of sight exits $status"
grep -q 'coverImage: Byline cannot see “images/cover.png”: its sandbox shows it the article' "$dir/check.err" ||
  fail "--check does not say the cover is out of sight"

sandbox --export "$doc/article.md" --format html --output /tmp/out/page.html 2>"$dir/html.err" &&
  status=0 || status=$?
cat "$dir/html.err"
[ "$status" = 1 ] || fail "--export --format html with an image out of sight exits $status"
grep -q "the page links to an image it could not include: Byline cannot see “images/figure.png”" \
  "$dir/html.err" || fail "--export --format html does not name the image it left out"
grep -q 'src="images/figure.png"' "$dir/out/page.html" || fail "the page was not written"
echo "ok: in the sandbox, what cannot be read beside the article is named, with the reason"
