// Counts the warnings cmhash gives over folders of real manifests, to see
// what --strict would meet in CI and how often POSSIBLE_REFERENCE is wrong.
//
//   node scripts/corpus-warnings.mjs [--core DIR] [--select MODE] [--list CODE]... PARENT...
//
// Every sub-folder of each PARENT is one project (fixtures/corpus, or the
// issue-11 research manifests). A project is built whole; when that fails
// (folders of alternative examples define the same object twice), each
// sub-folder is built on its own, then the loose files together, then one by
// one. --core is a built @cmhash/core (default packages/core/dist), so the
// counts of an older build can be taken the same way. Prints counts per
// warning code and, with --list, every warning of that code.
import { readdirSync, statSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    core: { type: 'string', default: new URL('../packages/core/dist', import.meta.url).pathname },
    select: { type: 'string' },
    list: { type: 'string', multiple: true, default: [] },
  },
})
const { build, CmhashError } = await import(pathToFileURL(join(resolve(values.core), 'index.js')).href)
const options = values.select ? { select: values.select } : {}

const isManifest = name => /\.(ya?ml|json|golden)$/.test(name) && !name.startsWith('.')
const filesUnder = dir => readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap(e =>
  e.name.startsWith('.') ? [] : e.isDirectory() ? filesUnder(join(dir, e.name)) : isManifest(e.name) && e.name !== 'kustomization.yaml' ? [join(dir, e.name)] : [])

const units = []
function attempt(root, paths) {
  const inputs = paths.flatMap(p => (statSync(p).isDirectory() ? filesUnder(p) : [p]))
    .map(p => ({ path: relative(root, p), content: readFileSync(p, 'utf8') }))
  if (inputs.length === 0) return true
  try {
    units.push({ paths: paths.map(p => relative(root, p)), result: build(inputs, options) })
    return true
  } catch (e) {
    if (!(e instanceof CmhashError)) throw e
    if (paths.length === 1 && !statSync(paths[0]).isDirectory()) units.push({ paths: [relative(root, paths[0])], errors: e.errors })
    return false
  }
}
function split(root, dir) {
  if (attempt(root, [dir])) return
  const entries = readdirSync(dir, { withFileTypes: true }).filter(e => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1))
  for (const e of entries) if (e.isDirectory()) split(root, join(dir, e.name))
  const loose = entries.filter(e => e.isFile() && isManifest(e.name)).map(e => join(dir, e.name))
  if (loose.length > 0 && !attempt(root, loose) && loose.length > 1) for (const f of loose) attempt(root, [f])
}
for (const parent of positionals) {
  for (const project of readdirSync(parent, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort()) {
    split(parent, join(parent, project))
  }
}

const built = units.filter(u => u.result)
const warnings = built.flatMap(u => u.result.warnings)
const byCode = new Map()
for (const w of warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1)
console.log(`units built: ${built.length}, files rejected: ${units.length - built.length}, ` +
  `renamed: ${built.reduce((n, u) => n + u.result.renames.filter(r => r.from !== r.to).length, 0)}, warnings: ${warnings.length}`)
for (const [code, n] of [...byCode].sort((a, b) => (a[0] < b[0] ? -1 : 1))) console.log(`  ${code}: ${n}`)
for (const code of values.list) {
  console.log(`\n${code}:`)
  for (const u of built) {
    for (const w of u.result.warnings.filter(x => x.code === code)) {
      const at = w.location ? `${w.location.file}:${w.location.line}` : u.paths.join(' ')
      console.log(`- ${at}: ${w.message}`)
    }
  }
}
