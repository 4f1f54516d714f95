#!/usr/bin/env python3
# check-mime.py: the shared-mime-info package parses and defines the record type.
#
# Usage: check-mime.py MIME_XML
#
# Compiles MIME_XML alone with update-mime-database into a temporary directory and checks that
# the record type got its glob and its magic, so a typo in the XML cannot pass unnoticed.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

MIME_TYPE = 'application/x-site-standard-document+json'


def main():
    source = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        packages = os.path.join(tmp, 'packages')
        os.makedirs(packages)
        shutil.copy(source, packages)
        result = subprocess.run(['update-mime-database', '-V', tmp],
                                capture_output=True, text=True)
        output = result.stdout + result.stderr
        if result.returncode != 0 or 'error' in output.lower() or 'warning' in output.lower():
            print(output)
            return 1
        with open(os.path.join(tmp, 'globs2'), encoding='utf-8') as f:
            globs = f.read()
        if '%s:*.record.json' % MIME_TYPE not in globs:
            print('no *.record.json glob for %s:\n%s' % (MIME_TYPE, globs))
            return 1
        with open(os.path.join(tmp, 'magic'), 'rb') as f:
            magic = f.read()
        if MIME_TYPE.encode() not in magic or b'"site.standard.document"' not in magic:
            print('no magic for %s' % MIME_TYPE)
            return 1
        with open(os.path.join(tmp, 'subclasses'), encoding='utf-8') as f:
            if '%s application/json' % MIME_TYPE not in f.read():
                print('%s is not a kind of application/json' % MIME_TYPE)
                return 1
    print('ok: %s' % MIME_TYPE)
    return 0


if __name__ == '__main__':
    sys.exit(main())
