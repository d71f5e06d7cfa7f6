import type { DocSpan, FileFacts, FileSummary, ObjectFacts, ObjectSummary, RefFacts, RefSite, SourceFile, TargetFacts, TargetSummary } from '../facts.js'

// --- internal ---

/**
 * A file's facts as planning's decisions need them (facts.ts): each object
 * with what names what, none of the places to edit. Copied into records of
 * their own, so that the full facts can be dropped once read.
 */
export function summarize(file: FileFacts): FileSummary {
  const objects: ObjectSummary[] = []
  for (const d of file.docs) for (const o of d.objects) objects.push(summarizeObject(o))
  return { path: file.path, text: file.text, objects }
}

/** A file as emit/ needs it: its text and its documents' slices. */
export function sourceOf(file: FileFacts): SourceFile {
  return { path: file.path, text: file.text, docs: file.docs.map(spanOf) }
}

function spanOf({ start, end, empty, explicitStart }: DocSpan): DocSpan {
  return { start, end, empty, explicitStart }
}

function summarizeObject(o: ObjectFacts): ObjectSummary {
  const { file, offset, group, kind, name, namespace, possibleRefs } = o
  const refs = o.refs.length === 0 ? NONE : o.refs.map(refFacts)
  return { file, offset, group, kind, name, namespace, refs, possibleRefs, target: o.target && targetSummary(o.target) }
}

function refFacts(r: RefSite): RefFacts {
  const { spec, target, name, namespace, optional, path, keys } = r
  return { spec, target, name, namespace, optional, site: { start: r.site.start }, path, keys }
}

function targetSummary(t: TargetFacts): TargetSummary {
  const { kind, name, originalName, hash, mode, empty, managed, created, secretType, values, keys, notEditable } = t
  const summary = { kind, name, originalName, hash, mode, empty, managed, created, secretType, values, keys }
  return notEditable === undefined ? summary : { ...summary, notEditable }
}

const NONE: readonly RefFacts[] = []
