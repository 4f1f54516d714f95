// Checks DPoP proofs with jose, a JWT library independent of Byline's own code.
//
//   NODE_PATH=<cache>/node_modules node verify-dpop.mjs < cases.json
//
// Reads [{ "proof", "htm", "htu", "nonce"?, "access_token"? }, ...] and prints one line per case:
// "ok" when jose verifies the signature with the embedded key and the claims match, or
// "bad: <reason>".
//
// Copyright 2026 The Byline Authors
// SPDX-License-Identifier: GPL-3.0-or-later
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(path.join(process.env.BYLINE_OAUTH_TOOLS, 'node_modules', 'x.js'))
const jose = await import(require.resolve('jose'))

const cases = JSON.parse(fs.readFileSync(0, 'utf8'))
for (const c of cases) {
  try {
    const header = jose.decodeProtectedHeader(c.proof)
    if (header.typ !== 'dpop+jwt') throw new Error(`typ ${header.typ}`)
    if (header.jwk?.d !== undefined) throw new Error('private key in header')
    const key = await jose.importJWK(header.jwk, 'ES256')
    const { payload } = await jose.jwtVerify(c.proof, key, {
      typ: 'dpop+jwt', algorithms: ['ES256'], maxTokenAge: '60s',
    })
    if (payload.htm !== c.htm) throw new Error(`htm ${payload.htm}`)
    if (payload.htu !== c.htu) throw new Error(`htu ${payload.htu}`)
    if (typeof payload.jti !== 'string' || payload.jti.length < 16) throw new Error('jti')
    if (payload.nonce !== c.nonce) throw new Error(`nonce ${payload.nonce}`)
    const ath = c.access_token === undefined ? undefined
      : crypto.createHash('sha256').update(c.access_token).digest('base64url')
    if (payload.ath !== ath) throw new Error(`ath ${payload.ath}`)
    const thumb = await jose.calculateJwkThumbprint(header.jwk)
    console.log(`ok ${thumb}`)
  } catch (e) {
    console.log(`bad: ${e.code ?? ''} ${e.message}`)
  }
}
