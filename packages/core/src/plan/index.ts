// Step 2 of a build, in two parts. Deciding, as named passes run in order
// over the summaries of every object: find duplicates, resolve every
// reference to the target it names, check the data keys references need,
// select the targets to hash and name them, and warn about what must be
// recreated, references left as written, old names left in fields no
// table knows, and what select all renamed that nothing references. Then
// editing, one file at a time from its full facts: rename its targets,
// rewrite its references that follow, and keep each edit out of the
// places that share its node through a YAML alias.
import type { Edit, FileFacts, FileSummary } from '../facts.js'
import type { Reporter } from '../report/reporter.js'
import type { Rename } from '../types.js'
import { checkDuplicates } from './check-duplicates.js'
import { checkKeys } from './check-keys.js'
import { followsRename, planContext, type PlanContext, type PlanOptions } from './context.js'
import { EditList } from './edit-list.js'
import { COPY_ALLOWANCE, protectSharedNodes } from './protect-shared-nodes.js'
import { editTarget, renameTargets } from './rename-targets.js'
import { reportPossibleReferences } from './report-possible-references.js'
import { reportRecreate } from './report-recreate.js'
import { reportUnreferenced } from './report-unreferenced.js'
import { reportUnresolved } from './report-unresolved.js'
import { resolveReferences, type Resolved } from './resolve-references.js'
import { rewriteReferences, type Rewrite } from './rewrite-references.js'
import { selectTargets } from './select-targets.js'

export type { PlanOptions } from './context.js'

// --- internal ---

/**
 * What the edits of one file are to do, by place in the file's objects (in
 * input order, as `docs.flatMap(d => d.objects)` lists them): the targets
 * renamed, and the references that follow, each with its new name. Kept
 * as flat lists of numbers: a build holds one per file with edits.
 */
export interface FileOrders {
  /** The renamed targets' object numbers; `targetNames[i]` is the new name of `targets[i]`. */
  readonly targets: readonly number[]
  readonly targetNames: readonly string[]
  /** Pairs: object number, then the reference's number among the object's refs; `refNames[i]` is the new name of pair i. */
  readonly refs: readonly number[]
  readonly refNames: readonly string[]
}

/** What deciding gives: the renames, and the orders of each file that gets edits (by path). */
export interface Decisions {
  readonly renames: readonly Rename[]
  readonly orders: ReadonlyMap<string, FileOrders>
}

/** The decisions of a build, made from the summaries of every file. Problems go to `report`. */
export function planDecisions(files: readonly FileSummary[], options: PlanOptions, report: Reporter): Decisions {
  const ctx = planContext(files, options, report)
  checkDuplicates(ctx)
  const resolved = resolveReferences(ctx)
  checkKeys(ctx, resolved)
  const decisions = selectTargets(ctx, resolved)
  const { renames, newNames, renamed } = renameTargets(ctx, decisions, resolved)
  const orders = ordersOf(ctx, resolved, newNames)
  reportRecreate(ctx, renamed)
  reportUnresolved(ctx, resolved)
  reportUnreferenced(ctx, renamed, reportPossibleReferences(ctx, renamed))
  return { renames, orders }
}

/** The copies written in place of aliases a build may make: in all, the input's size and a little more. */
export function copyBudget(files: readonly { readonly text: string }[]): { left: number } {
  return { left: COPY_ALLOWANCE + files.reduce((n, f) => n + f.text.length, 0) }
}

/**
 * The edits of one file, from its full facts (the same file the summaries
 * were made from) and its orders. Problems go to `report`.
 */
export function planEdits(file: FileFacts, orders: FileOrders, options: PlanOptions, report: Reporter, copies: { left: number }): Edit[] {
  const edits = new EditList()
  const ctx = { file, edits, options, report, copies, at: (offset: number) => ({ file: file.path, text: file.text, offset }) }
  const objects = file.docs.flatMap(d => d.objects)
  orders.targets.forEach((n, i) => editTarget(ctx, objects[n]!.target!, orders.targetNames[i]!))
  const rewrites = function* (): Generator<Rewrite> {
    for (let i = 0; i < orders.refNames.length; i++) {
      const referrer = objects[orders.refs[2 * i]!]!
      yield { referrer, ref: referrer.refs[orders.refs[2 * i + 1]!]!, to: orders.refNames[i]! }
    }
  }
  protectSharedNodes(ctx, rewriteReferences(ctx, rewrites()))
  // Copied to its size: push() leaves room for 16 more (context.ts, fitted).
  return edits.list.slice()
}

/** Each file's orders, walking its objects and their references in input order (the order of `resolved.all`). */
function ordersOf(ctx: PlanContext, resolved: Resolved, newNames: ReadonlyMap<object, string>): Map<string, FileOrders> {
  const orders = new Map<string, FileOrders>()
  let next = 0
  for (const file of ctx.files) {
    const targets: number[] = []
    const targetNames: string[] = []
    const refs: number[] = []
    const refNames: string[] = []
    file.objects.forEach((object, n) => {
      const to = newNames.get(object)
      if (to !== undefined) {
        targets.push(n)
        targetNames.push(to)
      }
      object.refs.forEach((_, k) => {
        const r = resolved.all[next++]!
        const follows = r.target && newNames.get(r.target.object)
        if (follows === undefined || !followsRename(r)) return
        refs.push(n, k)
        refNames.push(follows)
      })
    })
    if (targets.length > 0 || refs.length > 0) {
      orders.set(file.path, { targets: targets.slice(), targetNames: targetNames.slice(), refs: refs.slice(), refNames: refNames.slice() })
    }
  }
  return orders
}
