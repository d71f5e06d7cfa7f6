// A build from the core's LEAN_FROM on reads each file three times and
// holds no file's facts (analyze.ts), and the CLI collects its heap more
// tightly (packages/cli/src/heap.ts). Every test's build already compares
// the three reads with one (test/setup/core-both-ways.ts); here the whole
// path, through the bin, on an input that takes it.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { writeEstate } from '../scripts/bench/estate.mjs'
import { LEAN_FROM } from '../packages/core/src/analyze.js'
import { buildWith } from '../packages/core/src/build.js'
import { LARGE, LARGE_BUILD_FLAGS } from '../packages/cli/src/heap.js'

const bin = new URL('../packages/cli/bin/cmhash.js', import.meta.url).pathname

it('this Node knows the V8 flags a large build sets (an unknown one would be printed)', () => {
  const r = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(LARGE_BUILD_FLAGS)})`], { encoding: 'utf8' })
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  expect(LARGE).toBe(LEAN_FROM)
})

it('a build from LEAN_FROM on, through the bin, writes what a build in one read does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmhash-large-'))
  try {
    const { manifests } = writeEstate(dir, 20_000, { kustomize: false })
    const inputs = readdirSync(manifests).sort().map(f => ({ path: join(manifests, f), content: readFileSync(join(manifests, f), 'utf8') }))
    expect(inputs.reduce((n, i) => n + i.content.length, 0)).toBeGreaterThanOrEqual(LEAN_FROM)
    const r = spawnSync('node', [bin, 'build', manifests], { encoding: 'utf8', maxBuffer: 1 << 30 })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const once = buildWith(inputs, {}, false)
    expect(once.renames.length).toBe(40_000)
    // Compared as a boolean: a failure would otherwise print 35 MB.
    expect(r.stdout === once.output).toBe(true)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 120_000)
