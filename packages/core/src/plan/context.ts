import type { FileFacts, FileSummary, ObjectSummary, RefFacts, TargetSummary } from '../facts.js'
import type { EditList } from './edit-list.js'
import type { Reporter, Where } from '../report/reporter.js'
import type { ExternalName, PinnedName, SelectMode } from '../types.js'

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

/** What every deciding pass reads: the objects, where they are, and the reporter. */
export interface PlanContext {
  readonly objects: readonly ObjectSummary[]
  readonly options: PlanOptions
  readonly report: Reporter
  /** Where an object (or an offset inside its file) is, for messages. */
  where(o: ObjectSummary, offset?: number): Where
  readonly files: readonly FileSummary[]
}

export function planContext(files: readonly FileSummary[], options: PlanOptions, report: Reporter): PlanContext {
  const texts = new Map(files.map(f => [f.path, f.text]))
  return {
    objects: files.flatMap(f => f.objects),
    options,
    report,
    where: (o, offset = o.offset) => ({ file: o.file, text: texts.get(o.file)!, offset }),
    files,
  }
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

/** A ConfigMap or Secret of the input: an object with target facts. */
export interface Target {
  readonly object: ObjectSummary
  readonly facts: TargetSummary
}

/** A reference, and what it was resolved to. */
export interface Resolution {
  readonly referrer: ObjectSummary
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
 * Each list copied to its size. A list grown by push() keeps room for 16
 * more entries (V8), which for a list per target, held through planning,
 * is most of its memory.
 */
export function fitted<K, V>(m: Map<K, V[]>): Map<K, V[]> {
  for (const [k, list] of m) m.set(k, list.slice())
  return m
}

/** A reference that is rewritten to the new name: a plain one, or a reader by name when hashing is forced. */
export function followsRename(r: Resolution): boolean {
  return r.ref.spec.use === 'rewrite' || (r.ref.spec.use === 'pin' && r.target?.facts.mode === 'force')
}
