// The floor for a tool built on the `yaml` package: read every manifest,
// parse every document and stringify it back, nothing else. Run as its own
// process, like cmhash, with the same yaml version.
import { readdirSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'

const dir = process.argv[2]
const files = readdirSync(dir, { recursive: true }).filter(f => /\.(ya?ml|json)$/.test(f)).sort()
const out = []
for (const f of files) {
  for (const doc of parseAllDocuments(readFileSync(join(dir, f), 'utf8'))) {
    if (doc.errors.length) throw doc.errors[0]
    out.push(String(doc))
  }
}
writeSync(1, out.join('---\n'))
