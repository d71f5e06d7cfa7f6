import type { FileFacts, ObjectIdentity, RefFacts, TargetSummary } from '../facts.js'
import type { EditList } from './edit-list.js'
import type { Reporter, Where } from '../report/reporter.js'
import type { ExternalName, PinnedName, Referrer, Rename, SelectMode } from '../types.js'

// --- internal ---

/** A pin or an external name, and whether the user gave it (a decision: no `PINNED` warning) or a preset did. */
type Given<T> = T & { readonly decided: boolean }

export interface PlanOptions {
  readonly select: SelectMode
  readonly pinned: readonly Given<PinnedName>[]
  readonly external: readonly Given<ExternalName>[]
  /**
   * Annotations to set on every hashed object. In a comma-separated option
   * list (Argo CD's sync-options) only the options given are set; any other
   * value is replaced.
   */
  readonly annotations: Readonly<Record<string, string>>
}

/** What every deciding pass reads: the options, the reporter, and where each file is. */
export interface PlanContext {
  readonly options: PlanOptions
  readonly report: Reporter
  /** Where an object (or an offset inside its file) is, for messages. */
  where(o: ObjectIdentity, offset?: number): Where
  /** The input files in order (an object's file number is its place here). */
  readonly files: readonly { readonly path: string; readonly text: string }[]
}

export function planContext(files: readonly { readonly path: string; readonly text: string }[], options: PlanOptions, report: Reporter): PlanContext {
  const texts = new Map(files.map(f => [f.path, f.text]))
  return {
    options,
    report,
    where: (o, offset = o.offset) => ({ file: o.file, text: texts.get(o.file)!, offset }),
    files,
  }
}

/** Where an object is in the input: its file's number, its number among the file's objects, and among all objects. */
export interface Place {
  readonly file: number
  readonly ordinal: number
  readonly id: number
}

/** What every editing pass reads: one file's facts, its edits so far, and the reporter. */
export interface EditContext {
  readonly file: FileFacts
  readonly edits: EditList
  readonly options: PlanOptions
  readonly report: Reporter
  /** Where an offset of the file is, for messages. */
  at(offset: number): Where
  /** Bytes of copies written in place of aliases (protect-shared-nodes.ts) the whole build may still write. */
  readonly copies: { left: number }
}

/**
 * A ConfigMap or Secret of the input: who it is, where (its Place), and
 * what the references to it say (TargetUses). One record, not one of each:
 * a large build holds one for every target while it decides.
 */
export interface Target extends Place, TargetUses {
  readonly object: ObjectIdentity
  readonly facts: TargetSummary
  /** Its number in input order among the targets. */
  readonly number: number
}

/** What the references to a target say, gathered in input order (resolve-references.ts). */
interface TargetUses {
  /** How many objects name it through references that follow a rename. */
  referencedBy: number
  /**
   * The first few of them (SHOWN_REFERRERS, resolve-references.ts), as
   * messages name them, joined by `, `: most targets have one, and then
   * it is that object's name as the messages of all its targets share it.
   */
  shownReferrers: string | undefined
  /** The last of them (Place.id), since an object's references come together. */
  lastReferrer: number
  /** Why it must keep its name: readers by name, and what writes it under its name (made on the first). */
  pinnedBy: string[] | undefined
  /**
   * How many references name it (not ambiguously) and follow a rename.
   * Rename.referencedBy lists them, made as each file's edits are planned
   * (plan/index.ts); until then only those that make an object be
   * recreated are kept (made on the first).
   */
  following: number
  recreate: Referrer[] | undefined
}

/** A rename as planning makes it: the references that follow it are added as each file's edits are planned. */
export interface PlannedRename extends Omit<Rename, 'referencedBy'> {
  referencedBy: Referrer[]
}

/** A reference, and what it was resolved to. */
export interface Resolution {
  readonly referrer: ObjectIdentity
  readonly ref: RefFacts
  readonly target?: Target
  /** The several targets a namespace-less reference could mean. */
  readonly ambiguous?: readonly Target[]
}

export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k)
  if (list) list.push(v)
  else m.set(k, [v])
}

/**
 * `list` with `item` at its end. A short list is copied to its exact size
 * (a list grown by push() keeps room for 16 more, which for a list per
 * target, held through planning, is most of its memory); a longer one
 * grows in place.
 */
export function append<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item]
  if (list.length >= EXACT_UP_TO) {
    list.push(item)
    return list
  }
  const longer = new Array<T>(list.length + 1)
  for (let i = 0; i < list.length; i++) longer[i] = list[i]!
  longer[list.length] = item
  return longer
}

const EXACT_UP_TO = 8

/** A reference that is rewritten to the new name: a plain one, or a reader by name when hashing is forced. */
export function followsRename(r: Resolution): boolean {
  return r.ref.spec.use === 'rewrite' || (r.ref.spec.use === 'pin' && r.target?.facts.mode === 'force')
}
