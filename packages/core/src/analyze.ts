import type { Edit, FileFacts, FileSummary, Plan, SourceFile } from './facts.js'
import { resolveOptions } from './options.js'
import { copyBudget, planDecisions, planEdits } from './plan/index.js'
import { readStream } from './read/read-stream.js'
import { sourceOf, summarize } from './read/summarize.js'
import { Reporter } from './report/reporter.js'
import type { BuildInput, BuildOptions } from './types.js'

// --- internal ---

/** What `build` and `prune` both start from: the inputs as read, and the plan. */
export interface Analysis<F extends SourceFile = SourceFile> {
  readonly files: readonly F[]
  /** Undefined when reading found errors (they are in `report`). */
  readonly plan: Plan | undefined
  readonly report: Reporter
}

/**
 * From this many characters of input on, a build keeps only the summaries
 * of the files while it decides, and reads each file again for its edits
 * (see {@link analyzeForOutput}). Not yet: the summaries are still about
 * three quarters of the facts, and at 100 MB the two reads peaked higher
 * (973 MB against 738), since what the second read drops is collected late.
 */
export const LEAN_FROM: number = Number.POSITIVE_INFINITY

/**
 * Reads every input and plans the build, keeping every file's facts (prune
 * reads them). Errors are collected in the result's reporter, not thrown.
 * The warnings are not settled yet: the caller adds its own (prune's
 * INCOMPLETE_LIVE_STATE), then calls {@link settleWarnings}, so that every
 * warning gets the level the options set for its code.
 */
export function analyze(inputs: readonly BuildInput[], options: BuildOptions): Analysis<FileFacts> {
  return analyzeWith(inputs, options, false) as Analysis<FileFacts>
}

/**
 * The same, for a build's output: what it keeps of each file is only what
 * emit/ needs. A large input (from {@link LEAN_FROM} characters, or `lean`)
 * is planned in two reads. The first keeps only the summaries planning's
 * decisions read (less than half the facts' memory), and drops them once
 * decided; the second reads again each file that gets edits, plans its
 * edits and drops its facts. Reading is deterministic, so both reads give
 * the same facts; the second's problems were reported by the first.
 */
export function analyzeForOutput(inputs: readonly BuildInput[], options: BuildOptions, lean?: boolean): Analysis {
  return analyzeWith(inputs, options, lean ?? inputs.reduce((n, f) => n + f.content.length, 0) >= LEAN_FROM)
}

function analyzeWith(inputs: readonly BuildInput[], options: BuildOptions, lean: boolean): Analysis {
  const report = new Reporter()
  const { readOptions, planOptions } = resolveOptions(options)
  // The whole build's alias expansion is bounded in proportion to its size.
  const size = inputs.reduce((n, f) => n + f.content.length, 0)
  const budget = () => ({ ...readOptions, expansion: { aliased: 0, limit: 4_000_000 + 20 * size } })
  const sources = distinctPaths(inputs)
  const read = budget()
  const files: SourceFile[] = []
  const facts: FileFacts[] = []
  const summaries: FileSummary[] = []
  for (const input of sources) {
    const file = readStream(input.path, input.content, read, report)
    if (lean) {
      files.push(sourceOf(file))
      summaries.push(summarize(file))
    } else {
      files.push(file)
      facts.push(file)
      summaries.push({ path: file.path, text: file.text, objects: file.docs.flatMap(d => d.objects) })
    }
  }
  if (report.errors.length === 0 && summaries.every(f => f.objects.length === 0)) {
    report.warn('EMPTY_INPUT', { message: 'the input holds no Kubernetes objects' })
  }
  if (report.errors.length > 0) return { files, plan: undefined, report }
  const { renames, orders } = planDecisions(summaries, planOptions, report)
  summaries.length = 0
  const copies = copyBudget(files)
  const again = budget()
  const unheard = new Reporter()
  const edits = new Map<string, readonly Edit[]>()
  sources.forEach((input, i) => {
    const fileOrders = orders.get(input.path)
    if (!fileOrders) return
    const file = lean ? readStream(input.path, input.content, again, unheard) : facts[i]!
    edits.set(input.path, planEdits(file, fileOrders, planOptions, report, copies))
  })
  return { files, plan: { edits, renames }, report }
}

/**
 * Once every warning is reported: sorted by file and place, and at the
 * level the options set for its code (`error` moves it to the errors,
 * `ignore` drops it).
 */
export function settleWarnings({ files, report }: Analysis, options: BuildOptions): void {
  report.settle(options.warnings ?? {}, files.map(f => f.path))
}

/** A string input is one file named `<input>` (or `name`). */
export function asInputs(input: string | readonly BuildInput[], name = '<input>'): readonly BuildInput[] {
  return typeof input === 'string' ? [{ path: name, content: input }] : input
}

/**
 * Inputs are told apart by path; a path given twice is numbered, `a.yaml (2)`.
 * build, prune and diff refuse a path given twice (check-options.ts), so this
 * only guards internal callers.
 */
export function distinctPaths(inputs: readonly BuildInput[]): readonly BuildInput[] {
  const seen = new Map<string, number>()
  let renamed = false
  const out = inputs.map(i => {
    const n = (seen.get(i.path) ?? 0) + 1
    seen.set(i.path, n)
    if (n === 1) return i
    renamed = true
    return { path: `${i.path} (${n})`, content: i.content }
  })
  return renamed ? out : inputs
}
