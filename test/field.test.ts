// The field test, run by hand on public install manifests fetched outside
// the repository (they are not the corpus, and not committed):
//
//   FIELD_DIR=/path/to/projects pnpm exec vitest run test/field.test.ts
//
// Each folder of FIELD_DIR is a project. The project, and each of its files
// alone, is built as a user would (default selection, and --select all) and
// judged by kubectl: kubectl reads from the output, planned edits undone,
// what it reads from the input; with --select all, the names hash what
// kubectl reads (a build of kubectl's JSON gives them). A refusal is fine
// (it is listed, with kubectl's verdict on the input); a difference, a
// crash, or output kubectl cannot read fails. One line per build goes to
// FIELD_OUT (default: field.tsv in the system's temporary directory).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { build, CmhashError, type BuildResult } from '@cmhash/core'
import { undoPlannedEdits } from './_utils/fidelity.js'
import { kubectlRead } from './_utils/k8s-read.js'

const root = process.env.FIELD_DIR

const visible = (dir: string) => readdirSync(dir).filter(n => !n.startsWith('.')).sort()
const manifests = (dir: string): string[] => visible(dir).flatMap(n => {
  const p = join(dir, n)
  if (statSync(p).isDirectory()) return manifests(p)
  return /\.(ya?ml|json)$/.test(n) ? [p] : []
})
const names = (r: BuildResult) => r.renames.map(x => `${x.kind}/${x.namespace}/${x.originalName}=${x.to}`).sort()

/** One build of `paths`, judged: a line for the report, and whether it is a failure. */
function judge(unit: string, paths: readonly string[], select: 'referenced' | 'all', before: unknown[] | undefined): { line: string; bad: boolean } {
  const inputs = paths.map(p => ({ path: relative(root!, p), content: readFileSync(p, 'utf8') }))
  const kubectl = before ? 'kubectl-reads' : 'kubectl-refuses'
  let result: BuildResult
  try {
    result = build(inputs, { select })
  } catch (e) {
    if (!(e instanceof CmhashError)) return { line: `${unit}\t${select}\tCRASH\t${String(e).slice(0, 300)}`, bad: true }
    const codes = [...new Set(e.errors.map(x => x.code))].join(',')
    const first = e.errors[0]!
    return { line: `${unit}\t${select}\tREFUSED\t${kubectl}\t${codes}\t${first.location?.file}:${first.location?.line} ${first.message.slice(0, 300)}`, bad: false }
  }
  if (!before) return { line: `${unit}\t${select}\tBUILT\t${kubectl}\trenames=${result.renames.length}`, bad: result.renames.length > 0 }
  let after: unknown[]
  try {
    after = kubectlRead(result.output)
  } catch (e) {
    return { line: `${unit}\t${select}\tOUTPUT-REFUSED\t${String(e).slice(0, 300)}`, bad: true }
  }
  const undone = undoPlannedEdits(after, result.renames, { inputObjects: before })
  const i = undone.findIndex((o, k) => !isDeepStrictEqual(o, before[k]))
  const sameHash = select === 'referenced' || isDeepStrictEqual(names(result), names(build(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: before }), { select })))
  const warnings = [...new Set(result.warnings.map(w => w.code))].join(',')
  if (i < 0 && undone.length === before.length && sameHash) return { line: `${unit}\t${select}\tOK\trenames=${result.renames.length}\t${warnings}`, bad: false }
  const diff = i >= 0 ? `object ${i}: ${JSON.stringify(undone[i]).slice(0, 300)} vs ${JSON.stringify(before[i]).slice(0, 300)}` : 'names hash other data'
  return { line: `${unit}\t${select}\tDIFF\t${diff}`, bad: true }
}

describe.skipIf(!root)('the field test (FIELD_DIR)', () => {
  it('builds every project and file as kubectl reads them, or refuses', () => {
    const lines: string[] = []
    const bad: string[] = []
    for (const project of visible(root!).filter(n => statSync(join(root!, n)).isDirectory())) {
      const all = manifests(join(root!, project))
      const units = new Map<string, string[]>([[project, all], ...all.map(f => [relative(root!, f), [f]] as [string, string[]])])
      for (const [unit, paths] of units) {
        let before: unknown[] | undefined
        try {
          before = kubectlRead(paths.map(p => ({ content: readFileSync(p, 'utf8') })))
        } catch {
          before = undefined
        }
        for (const select of ['referenced', 'all'] as const) {
          const judged = judge(unit, paths, select, before)
          lines.push(judged.line)
          if (judged.bad) bad.push(judged.line)
        }
      }
    }
    writeFileSync(process.env.FIELD_OUT ?? join(tmpdir(), 'field.tsv'), `${lines.join('\n')}\n`)
    expect(bad).toEqual([])
  }, 4 * 3_600_000)
})
