#!/usr/bin/env python3
# The CID of a blob as the AT Protocol makes it, written independently of Byline's C code:
# CIDv1, codec raw (0x55), multihash sha2-256, multibase base32 lower case ("b").
#   python3 blob-cid.py FILE
#
# Copyright 2026 The Byline Authors
# SPDX-License-Identifier: GPL-3.0-or-later
import base64
import hashlib
import sys

with open(sys.argv[1], "rb") as f:
    digest = hashlib.sha256(f.read()).digest()
cid = bytes([0x01, 0x55, 0x12, 0x20]) + digest
print("b" + base64.b32encode(cid).decode().lower().rstrip("="))
