// Validate each record's `content` against the lexicon of its own $type (for example
// pub.leaflet.content), which the document lexicon leaves open and a PDS does not check,
// with the reference validator, @atproto/lexicon, pinned in package.json. The same check
// as the shared tools/lexicon/validate-content.mjs, loading the validator from
// BYLINE_NODE_MODULES and the lexicons from tests/data/lexicons.
//   BYLINE_NODE_MODULES=... node validate-content.mjs RECORD.json...
// Prints one line per record; exits 1 when any content is invalid or of an unknown type.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const modules = process.env.BYLINE_NODE_MODULES
const lexicons = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'lexicons')
if (!modules) {
  console.error('BYLINE_NODE_MODULES must be set')
  process.exit(2)
}
const require = createRequire(path.join(modules, 'noop.js'))
const load = (name) => import(pathToFileURL(require.resolve(name)).href)

const { Lexicons, jsonToLex } = await load('@atproto/lexicon')

const walk = (d) =>
  fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.json') ? [path.join(d, e.name)] : [],
  )
const docs = walk(lexicons).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')))
const lex = new Lexicons(docs)
const known = new Set(docs.map((d) => d.id))

function validateContent(record) {
  const content = record.content
  if (!content || typeof content !== 'object') return 'no content'
  const type = content.$type ?? ''
  const nsid = type.split('#')[0]
  if (!known.has(nsid)) return `unknown content type: ${type}`
  try {
    const res = lex.validate(type.includes('#') ? `lex:${type}` : `lex:${nsid}#main`, jsonToLex(content))
    return res.success ? 'valid' : `INVALID: ${res.error.message}`
  } catch (e) {
    return `INVALID: ${e.message}`
  }
}

let failed = false
for (const file of process.argv.slice(2)) {
  const record = JSON.parse(fs.readFileSync(file, 'utf8'))
  let result = validateContent(record)
  if (result === 'valid') {
    try {
      lex.assertValidRecord('site.standard.document', jsonToLex(record))
    } catch (e) {
      result = `INVALID record: ${e.message}`
    }
  }
  if (result !== 'valid') failed = true
  console.log(`${file}: content: ${result}`)
}
process.exit(failed ? 1 : 0)
