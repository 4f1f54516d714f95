// Validate site.standard.document records (or, with --nsid, records of another collection:
// site.standard.publication) with the reference validator, @atproto/lexicon
// (Lexicons.assertValidRecord), pinned in package.json.
// The lexicons are the official ones, copied into tests/data/lexicons.
//   BYLINE_NODE_MODULES=... node validate-record.mjs [--nsid NSID] RECORD.json...
// Prints one line per record; exits 1 when any record is invalid.
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

let files = process.argv.slice(2)
let nsid = 'site.standard.document'
if (files[0] === '--nsid') {
  nsid = files[1]
  files = files.slice(2)
}

// The official site.standard.publication lexicon refers to site.standard.theme.basic, a record
// lexicon, with a "ref", which @atproto/lexicon refuses to follow ("Unexpected lexicon type:
// record"). A publication's basicTheme is therefore validated on its own, as the record its
// lexicon defines, and the rest of the publication without it.
const validate = (json) => {
  if (nsid === 'site.standard.publication' && json.basicTheme !== undefined) {
    const { basicTheme, ...rest } = json
    lex.assertValidRecord('site.standard.theme.basic', jsonToLex(basicTheme))
    lex.assertValidRecord(nsid, jsonToLex(rest))
  } else {
    lex.assertValidRecord(nsid, jsonToLex(json))
  }
}

let failed = false
for (const file of files) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'))
  try {
    validate(json)
    console.log(`${file}: lexicon: valid`)
  } catch (e) {
    failed = true
    console.log(`${file}: lexicon: INVALID: ${e.message}`)
  }
}
process.exit(failed ? 1 : 0)
