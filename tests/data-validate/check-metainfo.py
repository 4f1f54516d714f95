#!/usr/bin/env python3
# check-metainfo.py: the AppStream metainfo is clean even for `appstreamcli --pedantic`, and
# every screenshot it names is in data/screenshots/.
#
# Usage: check-metainfo.py METAINFO SCREENSHOTS_DIR
#
# One pedantic hint is allowed: cid-contains-uppercase-letter. The application ID
# io.github.byline.Byline follows the GNOME convention of a capitalised last part
# (org.gnome.TextEditor); changing an ID after release orphans users' settings, drafts and
# keyring items, and Flathub accepts it. Everything else, at every level, fails the test.
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

ALLOWED = {'cid-contains-uppercase-letter'}
ISSUE = re.compile(r'^([EWIP]): \S+?:(?:\d+:)? ?([a-z0-9-]+)')


def main():
    metainfo, screenshots = sys.argv[1], sys.argv[2]
    result = subprocess.run(['appstreamcli', 'validate', '--no-net', '--pedantic', '--explain',
                             metainfo], capture_output=True, text=True)
    output = result.stdout + result.stderr
    issues = [m.group(2) for m in map(ISSUE.match, output.splitlines()) if m]
    unexpected = [i for i in issues if i not in ALLOWED]
    if unexpected or (result.returncode != 0 and not issues):
        print(output)
        print('unexpected: %s' % ', '.join(unexpected))
        return 1

    root = ET.parse(metainfo).getroot()
    images = [i.text.strip() for i in root.iter('image')]
    if len(images) < 2:
        print('fewer than two screenshots')
        return 1
    for url in images:
        name = url.rsplit('/', 1)[-1]
        path = os.path.join(screenshots, name)
        if not os.path.isfile(path):
            print('%s names %s, which is not in %s' % (metainfo, name, screenshots))
            return 1
        with open(path, 'rb') as f:
            if f.read(8) != b'\x89PNG\r\n\x1a\n':
                print('%s is not a PNG' % path)
                return 1

    for tag in ('summary', 'description', 'content_rating', 'developer', 'branding',
                'keywords', 'provides', 'releases', 'launchable'):
        if root.find(tag) is None:
            print('no <%s>' % tag)
            return 1
    if root.find('releases/release/description') is None:
        print('the latest release has no notes')
        return 1

    print('ok: %d screenshots; allowed hints: %s' % (len(images), ', '.join(sorted(set(issues))) or 'none'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
