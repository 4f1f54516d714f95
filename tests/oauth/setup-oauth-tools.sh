#!/usr/bin/env bash
# tests/oauth/setup-oauth-tools.sh: install the oauth suite's test tools, once.
#
# jose (an independent JWT library that checks Byline's DPoP proofs) and puppeteer-core (which
# drives Debian's chromium through the consent page of the reference PDS) go into their own
# cache outside the repository, pinned to exact versions, so that this suite never touches the
# publish suite's cache. A stamp file holding a hash of this script guards the install.
# Prints the cache directory on standard output.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cache=${BYLINE_OAUTH_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/byline-dev/oauth-tools}
jose_version=6.2.19
puppeteer_version=24.43.1

want=$(sha256sum <"$0" | cut -d' ' -f1)
mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9
if [ "$(cat "$cache/.stamp" 2>/dev/null)" != "$want" ]; then
  printf 'setup-oauth-tools: installing jose %s and puppeteer-core %s into %s\n' \
    "$jose_version" "$puppeteer_version" "$cache" >&2
  rm -rf "$cache" && mkdir -p "$cache"
  (cd "$cache" && npm init -y >/dev/null &&
   npm install --no-audit --no-fund --no-package-lock --silent \
     "jose@$jose_version" "puppeteer-core@$puppeteer_version" >&2)
  echo "$want" >"$cache/.stamp"
fi
echo "$cache"
