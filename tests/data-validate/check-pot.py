#!/usr/bin/env python3
# check-pot.py: the translation template builds, and every file in POTFILES.in adds to it.
#
# Usage: check-pot.py SOURCE_ROOT
#
# Runs xgettext over po/POTFILES.in with the keywords of Meson's 'glib' preset (what
# `meson compile byline-pot` runs) into a temporary file, so the source tree is not touched.
# Fails when xgettext fails, and when a listed file contributes no string (listed by mistake,
# or its strings are not marked the way xgettext reads them).
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

GLIB_PRESET = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def main():
    root = sys.argv[1]
    potfiles = os.path.join(root, 'po', 'POTFILES.in')
    with open(potfiles, encoding='utf-8') as f:
        listed = [l.strip() for l in f if l.strip() and not l.startswith('#')]

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'byline.pot')
        result = subprocess.run(['xgettext', '--package-name=byline', '-f', potfiles,
                                 '-D', root, '-o', pot] + GLIB_PRESET,
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stderr)
            return 1
        with open(pot, encoding='utf-8') as f:
            text = f.read()

    referenced = set()
    for line in text.splitlines():
        if line.startswith('#: '):
            for ref in line[3:].split():
                referenced.add(re.sub(r':\d+$', '', ref))

    silent = [path for path in listed if path not in referenced]
    if silent:
        print('These POTFILES.in entries add no string to the template:')
        for path in silent:
            print('  ' + path)
        return 1

    print('ok: %d messages from %d files' % (text.count('\nmsgid ') - 1, len(listed)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
