// Step 2 of a build, in two parts. Deciding, as named passes over the
// objects, visited twice in input order and never held: find duplicates and
// index the targets; resolve every reference to the target it names, check
// the data keys references need, and tell each target what names it; then
// select the targets to hash and name them, and warn about what must be
// recreated, references left as written, old names left in fields no
// table knows, and what select all renamed that nothing references.
// Then editing, one file at a time from its full facts: rename its
// targets, rewrite its references that follow, and keep each edit out of
// the places that share its node through a YAML alias.
import type { Edit, FileFacts, ObjectSummary } from '../facts.js'
import { DuplicateCheck } from './check-duplicates.js'
import { append, type Place, type PlanContext, type PlannedRename, type Target } from './context.js'
import { EditList } from './edit-list.js'
import { COPY_ALLOWANCE, protectSharedNodes } from './protect-shared-nodes.js'
import { editTarget, renameTargets } from './rename-targets.js'
import { reportPossibleReferences } from './report-possible-references.js'
import { reportRecreate } from './report-recreate.js'
import { reportUnreferenced } from './report-unreferenced.js'
import { reportUnresolved } from './report-unresolved.js'
import { referrerOf, ReferenceVisitor, TargetIndex, type Resolved } from './resolve-references.js'
import { rewriteReferences, type Rewrite } from './rewrite-references.js'
import type { PlanOptions } from './context.js'
import { Reporter } from '../report/reporter.js'

export type { PlanOptions } from './context.js'
export { planContext } from './context.js'

// --- internal ---

/**
 * What the edits of one file are to do, by place in the file's objects (in
 * input order, as `docs.flatMap(d => d.objects)` lists them): how many
 * targets are renamed; each one's object number and rename; then each
 * reference that follows, as its object's number, its number among the
 * object's refs, and the rename it follows. One flat list: a build holds
 * one per file with edits until every file's edits are planned.
 */
export type FileOrders = ReadonlyArray<number | PlannedRename>

/**
 * What deciding gives: the renames, and the orders of each file that gets
 * edits (by path). Each rename's referencedBy is filled as the edits of
 * each file are planned, in input order.
 */
export interface Decisions {
  readonly renames: readonly PlannedRename[]
  /** Each taken out (deleted) as its file's edits are planned. */
  readonly orders: Map<string, FileOrders>
}

/** Visits every object of the input in order, with its place; for the references, once the targets are known. */
export type ObjectVisit = (visit: (object: ObjectSummary, place: Place) => void) => void

/**
 * The decisions of a build. Sees each object once as it is read (see()),
 * which keeps of it only its identity and, for a target, its summary; then
 * decide() visits every object again for the references. Problems go to
 * `report` (a duplicate found by see() too: reported by decide(), so that
 * a build whose reading failed reports only that).
 */
export class Decider {
  private readonly index = new TargetIndex()
  private readonly duplicates = new DuplicateCheck()

  see(object: ObjectSummary, place: Place): void {
    this.duplicates.see(object)
    if (object.target) this.index.add(object, object.target, place)
  }

  decide(ctx: PlanContext, again: ObjectVisit): Decisions {
    // The duplicates, found on this visit, come before the missing keys.
    const keys = new Reporter()
    const visitor = new ReferenceVisitor({ ...ctx, report: keys }, this.index)
    again((object, place) => {
      this.duplicates.check(object, place)
      visitor.visit(object, place)
    })
    const resolved = visitor.done()
    this.duplicates.report(ctx)
    for (const e of keys.errors) ctx.report.errors.push(e)
    const { renames, renamed } = renameTargets(ctx, resolved.index.all)
    const orders = ordersOf(ctx, resolved, renamed)
    reportRecreate(ctx, renamed)
    reportUnresolved(ctx, resolved)
    reportUnreferenced(ctx, renamed, reportPossibleReferences(ctx, resolved, renamed))
    return { renames, orders }
  }
}

/** Visits the objects of one file (the file numbered `file`, whose first object is numbered `id`); returns the next object's number. */
export function visitFile(facts: FileFacts, file: number, id: number, visit: (object: ObjectSummary, place: Place) => void): number {
  let ordinal = 0
  for (const d of facts.docs) for (const o of d.objects) visit(o, { file, ordinal: ordinal++, id: id++ })
  return id
}

/** The copies written in place of aliases a build may make: in all, the input's size and a little more. */
export function copyBudget(files: readonly { readonly text: string }[]): { left: number } {
  return { left: COPY_ALLOWANCE + files.reduce((n, f) => n + f.text.length, 0) }
}

/**
 * The edits of one file, from its full facts (the same file the summaries
 * were made from) and its orders. Problems go to `report`.
 */
export function planEdits(file: FileFacts, orders: FileOrders, options: PlanOptions, report: Reporter, copies: { left: number }): readonly Edit[] {
  const edits = new EditList()
  const ctx = { file, edits, options, report, copies, at: (offset: number) => ({ file: file.path, text: file.text, offset }) }
  const objects = file.docs.flatMap(d => d.objects)
  const targets = orders[0] as number
  for (let i = 1; i < 1 + 2 * targets; i += 2) editTarget(ctx, objects[orders[i] as number]!.target!, (orders[i + 1] as PlannedRename).to)
  const rewrites = function* (): Generator<Rewrite> {
    for (let i = 1 + 2 * targets; i < orders.length; i += 3) {
      const referrer = objects[orders[i] as number]!
      const ref = referrer.refs[orders[i + 1] as number]!
      const rename = orders[i + 2] as PlannedRename
      rename.referencedBy = append(rename.referencedBy, referrerOf(referrer, ref))
      yield { referrer, ref, to: rename.to }
    }
  }
  protectSharedNodes(ctx, rewriteReferences(ctx, rewrites()))
  return edits.list
}

/** Each file's orders: its renamed targets, and its references that follow them, in input order. */
function ordersOf(ctx: PlanContext, resolved: Resolved, renamed: ReadonlyMap<Target, PlannedRename>): Map<string, FileOrders> {
  const renamedIn = new Map<number, Target[]>()
  for (const t of renamed.keys()) {
    const list = renamedIn.get(t.file)
    if (list) list.push(t)
    else renamedIn.set(t.file, [t])
  }
  const orders = new Map<string, FileOrders>()
  ctx.files.forEach((file, n) => {
    const renamedHere = renamedIn.get(n) ?? []
    const list: Array<number | PlannedRename> = [renamedHere.length]
    for (const t of renamedHere) list.push(t.ordinal, renamed.get(t)!)
    const following = resolved.following.get(n) ?? []
    // Let go as used: the orders take its place.
    resolved.following.delete(n)
    for (let i = 0; i < following.length; i += 3) {
      const rename = renamed.get(resolved.index.all[following[i + 2]!]!)
      if (rename !== undefined) list.push(following[i]!, following[i + 1]!, rename)
    }
    // Copied to its size: push() leaves room for 16 more (context.ts, append).
    if (list.length > 1) orders.set(file.path, list.slice())
  })
  return orders
}
