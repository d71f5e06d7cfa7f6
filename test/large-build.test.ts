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

it('from LARGE on, the heap is collected at once, so that the next threshold is set with the flags', () => {
  // Counts V8's full collections (by the gc performance entries) around
  // fitHeap, below LARGE and from it. Without the collection, one made
  // while the inputs were read could leave the heap four times its live
  // size before the next (a 570 MB peak at 100 MB of input).
  const heap = new URL('../packages/cli/dist/heap.js', import.meta.url).href
  const script = `
    const { PerformanceObserver, constants } = require('node:perf_hooks')
    let full = 0
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++ }).observe({ entryTypes: ['gc'] })
    const settle = () => new Promise(done => setTimeout(done, 50))
    import(${JSON.stringify(heap)}).then(async ({ fitHeap, LARGE }) => {
      const small = [{ content: 'x'.repeat(LARGE - 1) }]
      const large = [{ content: 'x'.repeat(LARGE) }]
      await settle()
      const before = full
      fitHeap(small)
      await settle()
      const below = full - before
      fitHeap(large)
      await settle()
      console.log(JSON.stringify({ below, from: full - before - below }))
    })`
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' })
  expect(r.stderr).toBe('')
  expect(JSON.parse(r.stdout)).toEqual({ below: 0, from: 1 })
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
