import type { DocSpan, FileFacts, SourceFile, TargetFacts, TargetSummary } from '../facts.js'
import type { TargetKind } from '../types.js'
import { common } from './identity.js'

// --- internal ---

/** A file as emit/ needs it: its text and its documents' slices, in records of their own (the facts can go). */
export function sourceOf(file: FileFacts): SourceFile {
  return { path: file.path, text: file.text, docs: file.docs.map(spanOf) }
}

function spanOf({ start, end, empty, explicitStart }: DocSpan): DocSpan {
  return { start, end, empty, explicitStart }
}

/** What planning's decisions keep of a target, in a record of its own: none of the places to edit it. */
export function targetSummary(t: TargetSummary | TargetFacts): TargetSummary {
  const { name, originalName, hash, mode, empty, managed, created, values, notEditable } = t
  const keys = t.keys.map(common)
  // A string constant of the program, not one read from each object.
  const kind: TargetKind = t.kind === 'Secret' ? 'Secret' : 'ConfigMap'
  const secretType = t.secretType === undefined ? undefined : common(t.secretType)
  const summary = { kind, name, originalName, hash, mode, empty, managed, created, secretType, values, keys }
  return notEditable === undefined ? summary : { ...summary, notEditable }
}
