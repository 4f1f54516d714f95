#!/usr/bin/env python3
# check-potfiles.py: po/POTFILES.in must list every source file with translatable strings.
#
# Usage: check-potfiles.py SOURCE_ROOT
#
# Fails when a file under src/ marks strings for translation (_(), N_(), C_(), NC_(), Q_(),
# ngettext(), translatable="yes") or a data file is a translatable template, and
# po/POTFILES.in does not list it; when POTFILES.in lists a file that does not exist; and when
# POTFILES.in is not sorted or lists a file twice.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

SOURCE_SUFFIXES = ('.c', '.h', '.ui', '.blp', '.in')
DATA_SUFFIXES = ('.desktop.in.in', '.metainfo.xml.in.in', '.gschema.xml')

# A gettext marker is a whole identifier (so g_clear_object ( does not count), then an optional
# space as GTK style writes it, then the parenthesis.
MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext)\s*\(')
TRANSLATABLE = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']')


def has_translatable_strings(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    return bool(MARKER.search(text) or TRANSLATABLE.search(text))


def walk(top, root):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            yield os.path.relpath(path, root).replace(os.sep, '/'), path


def read_potfiles(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def main(argv):
    if len(argv) != 2:
        print(f'usage: {argv[0]} SOURCE_ROOT', file=sys.stderr)
        return 2
    root = argv[1]
    potfiles_path = os.path.join(root, 'po', 'POTFILES.in')
    listed = read_potfiles(potfiles_path)
    listed_set = set(listed)
    problems = []

    for rel, path in walk('src', root):
        if rel.endswith(SOURCE_SUFFIXES) and rel not in listed_set \
                and has_translatable_strings(path):
            problems.append(f'{rel}: has translatable strings but is not in po/POTFILES.in')

    for rel, _path in walk('data', root):
        if rel.endswith(DATA_SUFFIXES) and rel not in listed_set:
            problems.append(f'{rel}: translatable data file is not in po/POTFILES.in')

    for rel in listed:
        if not os.path.isfile(os.path.join(root, rel)):
            problems.append(f'po/POTFILES.in: lists {rel}, which does not exist')

    seen = set()
    for rel in listed:
        if rel in seen:
            problems.append(f'po/POTFILES.in: lists {rel} twice')
        seen.add(rel)

    expected = sorted(listed, key=lambda s: s.encode('utf-8'))
    if listed != expected:
        for have, want in zip(listed, expected):
            if have != want:
                problems.append(f'po/POTFILES.in: not sorted; {want} should come before {have}')
                break

    for problem in problems:
        print(problem)
    if problems:
        print(f'{len(problems)} problem(s) in po/POTFILES.in')
        return 1
    print(f'po/POTFILES.in lists all {len(listed)} translatable files')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
