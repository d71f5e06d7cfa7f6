import type { DocSpan, FileFacts, SourceFile, TargetFacts, TargetSummary } from '../facts.js'
import type { TargetKind } from '../types.js'
import { common } from './identity.js'

// --- internal ---

/** A file as emit/ needs it: its text and its documents' slices, packed (the facts can go). */
export function sourceOf(file: FileFacts): SourceFile {
  return { path: file.path, text: file.text, docs: new PackedSpans(file.docs) }
}

/**
 * Documents' slices as three numbers each (start, end, and the flags
 * empty and explicitStart), not a record each: a large build keeps them
 * for every document until its output is written.
 */
class PackedSpans {
  private readonly numbers: number[]

  constructor(docs: readonly DocSpan[]) {
    this.numbers = new Array<number>(3 * docs.length)
    docs.forEach((d, i) => {
      this.numbers[3 * i] = d.start
      this.numbers[3 * i + 1] = d.end
      this.numbers[3 * i + 2] = (d.empty ? 1 : 0) | (d.explicitStart ? 2 : 0)
    })
  }

  get length(): number {
    return this.numbers.length / 3
  }

  at(i: number): DocSpan | undefined {
    if (i < 0 || i >= this.length) return undefined
    const flags = this.numbers[3 * i + 2]!
    return { start: this.numbers[3 * i]!, end: this.numbers[3 * i + 1]!, empty: (flags & 1) !== 0, explicitStart: (flags & 2) !== 0 }
  }
}

/** What planning's decisions keep of a target, in a record of its own: none of the places to edit it. */
export function targetSummary(t: TargetSummary | TargetFacts): TargetSummary {
  const { name, originalName, hash, mode, empty, notEditable } = t
  const keys = sameKeys(t.keys)
  // A string constant of the program, not one read from each object.
  const kind: TargetKind = t.kind === 'Secret' ? 'Secret' : 'ConfigMap'
  const secretType = t.secretType === undefined ? undefined : common(t.secretType)
  const summary = { kind, name, originalName, hash, mode, empty, secretType, keys }
  return notEditable === undefined ? summary : { ...summary, notEditable }
}

/**
 * One frozen list for all equal lists of data keys (targets made from one
 * template have the same keys), so that a large build holds each list once.
 * Bounded like common(): at most 4,000 lists of up to 1,024 characters
 * are kept (a process that builds many times holds a few megabytes of
 * them at most); another list is copied, with its words shared.
 */
const keyLists = new Map<string, readonly string[]>()
function sameKeys(keys: readonly string[]): readonly string[] {
  if (keys.length === 0) return NO_KEYS
  const id = keys.join('\0')
  if (id.length > 1_024) return keys.map(common)
  const known = keyLists.get(id)
  if (known) return known
  const list = Object.freeze(keys.map(common))
  if (keyLists.size < 4_000) keyLists.set(id, list)
  return list
}
const NO_KEYS: readonly string[] = Object.freeze([])
