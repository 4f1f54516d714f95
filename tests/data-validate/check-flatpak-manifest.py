#!/usr/bin/env python3
# check-flatpak-manifest.py: check the Flatpak manifest for pinned sources and a minimal sandbox.
#
# Usage: check-flatpak-manifest.py MANIFEST.json [RELEASE_MANIFEST.json]
#
# With two manifests, the first is the .Devel variant and the second the release one: the
# release one must have the plain application ID, build without -Ddevelopment=true and carry no
# devel tag, and both must build the release build type and the same pinned dependencies with
# the same sandbox.
#
# Fails when the manifest is not valid JSON, when a remote source is not pinned (git sources
# need a commit, downloaded files a sha256 or sha512), when a finish-arg is outside the
# allow-list (Byline reaches files through portals, and the home folder for what lies beside
# an article), or when the application module is missing. A file-system permission needs its
# reason in the manifest's "//" comment, a key flatpak-builder ignores.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sys

ALLOWED_FINISH_ARGS = {
    '--share=network',   # publishing to the writer's PDS, remote images when allowed
    '--share=ipc',       # X11 shared memory
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',      # GPU rendering for GTK and WebKit
    # The article's images, cover and pasted images live beside it (the manifest says why).
    '--filesystem=home',
}
# Broad permissions need their reason written in the manifest, in its "//" comment.
JUSTIFIED_FINISH_ARGS = {'--filesystem=home'}
REQUIRED_FINISH_ARGS = {'--socket=wayland', '--socket=fallback-x11'}
LOCAL_SOURCE_TYPES = {'dir', 'patch', 'file', 'script', 'shell', 'inline'}
DOWNLOAD_SOURCE_TYPES = {'archive', 'file', 'patch'}
COMMIT = re.compile(r'^[0-9a-f]{40}$')
SHA256 = re.compile(r'^[0-9a-f]{64}$')
SHA512 = re.compile(r'^[0-9a-f]{128}$')


def check_source(module, index, source, problems):
    where = f'module {module!r}, source {index}'
    if not isinstance(source, dict):
        problems.append(f'{where}: external source files are not allowed; inline it')
        return
    kind = source.get('type')
    if kind == 'git':
        if not COMMIT.match(source.get('commit', '')):
            problems.append(f'{where}: git source without a full commit hash')
        if 'branch' in source:
            problems.append(f'{where}: git source follows a branch')
    elif kind in DOWNLOAD_SOURCE_TYPES and ('url' in source or 'mirror-urls' in source):
        if not (SHA256.match(source.get('sha256', '')) or SHA512.match(source.get('sha512', ''))):
            problems.append(f'{where}: {kind} from {source.get("url")} without sha256 or sha512')
    elif kind in LOCAL_SOURCE_TYPES:
        if kind == 'dir' and not source.get('path'):
            problems.append(f'{where}: dir source without a path')
    else:
        problems.append(f'{where}: source type {kind!r} cannot be checked for a pin')


def check_modules(modules, base_dir, problems, names):
    for module in modules:
        if isinstance(module, str):
            path = os.path.join(base_dir, module)
            try:
                with open(path, encoding='utf-8') as f:
                    module = json.load(f)
            except (OSError, ValueError) as error:
                problems.append(f'module file {path}: {error}')
                continue
        name = module.get('name', '?')
        names.append(name)
        sources = module.get('sources', [])
        if not sources:
            problems.append(f'module {name!r}: no sources')
        for index, source in enumerate(sources):
            check_source(name, index, source, problems)
        check_modules(module.get('modules', []), base_dir, problems, names)


def check(path, devel):
    problems = []
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as error:
        print(f'{path}: not valid JSON: {error}')
        return 1, None

    app_id = manifest.get('id') or manifest.get('app-id')
    want_id = 'io.github.byline.Byline.Devel' if devel else 'io.github.byline.Byline'
    if app_id != want_id:
        problems.append(f'id is {app_id!r}, expected {want_id}')
    if devel and 'devel' not in manifest.get('tags', []):
        problems.append('the .Devel variant is not tagged devel')
    if not devel and ('devel' in manifest.get('tags', []) or 'desktop-file-name-suffix' in manifest):
        problems.append('the release variant is marked as a development build')
    for key, want in (('runtime', 'org.gnome.Platform'), ('sdk', 'org.gnome.Sdk'),
                      ('command', 'byline')):
        if manifest.get(key) != want:
            problems.append(f'{key} is {manifest.get(key)!r}, expected {want!r}')
    if not str(manifest.get('runtime-version', '')).strip():
        problems.append('runtime-version is missing')

    finish_args = manifest.get('finish-args', [])
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            problems.append(f'finish-arg {arg} is not in the allow-list')
    for arg in sorted(REQUIRED_FINISH_ARGS - set(finish_args)):
        problems.append(f'finish-arg {arg} is missing')
    if len(set(finish_args)) != len(finish_args):
        problems.append('finish-args has duplicates')
    for arg in sorted(JUSTIFIED_FINISH_ARGS & set(finish_args)):
        if not str(manifest.get('//', '')).startswith(arg + ':'):
            problems.append(f'finish-arg {arg} has no reason in the manifest\'s "//" comment')

    names = []
    check_modules(manifest.get('modules', []), os.path.dirname(os.path.abspath(path)),
                  problems, names)
    if not names or names[-1] != 'byline':
        problems.append('the last module must be byline itself')
    else:
        app = manifest['modules'][-1]
        opts = app.get('config-opts', []) if isinstance(app, dict) else []
        if not isinstance(app, dict) or app.get('buildsystem') != 'meson':
            problems.append('module byline must be built with meson')
        elif devel and '-Ddevelopment=true' not in opts:
            problems.append('the .Devel variant must build with -Ddevelopment=true')
        elif not devel and any(o.startswith('-Ddevelopment=') and o != '-Ddevelopment=false' for o in opts):
            problems.append('the release variant must not build with -Ddevelopment=true')
        # Both build what users get, whatever flatpak-builder's default build type.
        if isinstance(app, dict) and '-Dbuildtype=release' not in opts:
            problems.append('module byline must build with -Dbuildtype=release')

    for problem in problems:
        print(f'{path}: {problem}')
    if problems:
        return 1, None
    print(f'{path}: {len(names)} modules, all sources pinned, '
          f'{len(finish_args)} finish-args allowed')
    return 0, manifest


def main(argv):
    if len(argv) not in (2, 3):
        print(f'usage: {argv[0]} MANIFEST.json [RELEASE_MANIFEST.json]', file=sys.stderr)
        return 2
    status, devel = check(argv[1], devel=True)
    if len(argv) == 2 or status != 0:
        return status
    status, release = check(argv[2], devel=False)
    if status != 0:
        return status
    for key in ('runtime', 'runtime-version', 'sdk', 'finish-args'):
        if devel.get(key) != release.get(key):
            print(f'{key} differs between {argv[1]} and {argv[2]}')
            return 1
    if devel['modules'][:-1] != release['modules'][:-1]:
        print(f'the dependency modules differ between {argv[1]} and {argv[2]}')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
