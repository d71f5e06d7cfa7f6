import { EditBook } from './emit/edit-cursor.js'
import type { FileFacts, Plan, SourceFile } from './facts.js'
import { resolveOptions } from './options.js'
import { copyBudget, Decider, planContext, planEdits, visitFile, type Decisions, type ObjectVisit, type PlanOptions } from './plan/index.js'
import { readStream } from './read/read-stream.js'
import { sourceOf } from './read/summarize.js'
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
 * From this many characters of input on, a build holds no file's facts:
 * it reads each file three times (see {@link analyzeForOutput}). Below it,
 * one read is about twice as fast and peaks under about 350 MB (27.7 MB of
 * the bench's estate: 283 MB); above it, the three reads keep the peak
 * near four times the input (100 MB: about 390 MB, where one read took
 * 740).
 */
export const LEAN_FROM: number = 32 * 1024 * 1024

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
 * emit/ needs. A large input (from {@link LEAN_FROM} characters, or when
 * `lean`) holds no file's facts, at the cost of reading each file three
 * times instead of once: to check it and index its targets, to resolve its
 * references, and (if it gets edits) to plan its edits. Reading is
 * deterministic, so each read gives the same facts; the later reads'
 * problems were reported by the first.
 */
export function analyzeForOutput(inputs: readonly BuildInput[], options: BuildOptions, lean?: boolean): Analysis {
  return analyzeWith(inputs, options, lean ?? inputs.reduce((n, f) => n + f.content.length, 0) >= LEAN_FROM)
}

function analyzeWith(inputs: readonly BuildInput[], options: BuildOptions, lean: boolean): Analysis {
  const report = new Reporter()
  const { readOptions, planOptions } = resolveOptions(options)
  // The whole build's alias expansion is bounded in proportion to its size
  // (each later read counts afresh: the first has checked the bound).
  const size = inputs.reduce((n, f) => n + f.content.length, 0)
  const budget = () => ({ ...readOptions, expansion: { aliased: 0, limit: 4_000_000 + 20 * size } })
  const sources = distinctPaths(inputs)
  const files: SourceFile[] = []
  const facts: FileFacts[] = []
  // A later read: the facts the first read gave, with its problems unheard.
  const read = (n: number) => {
    if (!lean) return facts[n]!
    const input = sources[n]!
    return readStream(input.path, input.content, budget(), new Reporter())
  }
  const decisions = decide(planOptions, report, visit => {
    const first = budget()
    let id = 0
    sources.forEach((input, n) => {
      const file = readStream(input.path, input.content, first, report)
      files.push(lean ? sourceOf(file) : file)
      if (!lean) facts.push(file)
      id = visitFile(file, n, id, visit)
    })
    return files
  }, visit => {
    let id = 0
    for (let n = 0; n < sources.length; n++) id = visitFile(read(n), n, id, visit)
  })
  if (!decisions) return { files, plan: undefined, report }
  const copies = copyBudget(files)
  const edits = new EditBook()
  sources.forEach((input, n) => {
    const fileOrders = decisions.orders.get(input.path)
    decisions.orders.delete(input.path)
    if (fileOrders) edits.add(input.path, planEdits(read(n), fileOrders, planOptions, report, copies))
  })
  return { files, plan: { edits, renames: decisions.renames }, report }
}

/**
 * Reads every file (`first`, which gives the files as kept) and decides,
 * unless reading found errors; `again` visits the objects once more. The
 * decider's records (the targets and what names them) go with it.
 */
function decide(
  options: PlanOptions, report: Reporter, first: (visit: Parameters<ObjectVisit>[0]) => readonly SourceFile[], again: ObjectVisit,
): Decisions | undefined {
  const decider = new Decider()
  let objects = 0
  const files = first((o, place) => {
    objects++
    decider.see(o, place)
  })
  if (report.errors.length === 0 && objects === 0) {
    report.warn('EMPTY_INPUT', { message: 'the input holds no Kubernetes objects' })
  }
  if (report.errors.length > 0) return undefined
  return decider.decide(planContext(files, options, report), again)
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
