import { distinctPaths } from '../analyze.js'
import { CmhashError } from '../errors.js'
import type { ObjectFacts } from '../facts.js'
import { readStream } from '../read/read-stream.js'
import type { ReadOptions } from '../read/scope.js'
import { Reporter } from '../report/reporter.js'
import type { BuildInput } from '../types.js'

// --- internal ---

/**
 * The objects of a live-state export. Throws when it cannot be trusted: a
 * YAML error, a document that is not an object (most likely an export cut
 * short: kubectl writes `kind: List` last, so what it held is unknown), or
 * no objects at all.
 */
export function readLive(inputs: readonly BuildInput[], options: ReadOptions): ObjectFacts[] {
  const live = distinctPaths(inputs)
  const report = new Reporter()
  const objects = live.map(f => readStream(f.path, f.content, options, report)).flatMap(f => f.docs.flatMap(d => d.objects))
  for (const w of report.warnings.filter(x => x.code === 'NOT_A_RESOURCE')) {
    report.error('INVALID_LIVE_STATE', {
      message: 'a document of the live state is not a Kubernetes object (a truncated export?); refusing to propose deletions',
      ...(w.location ? { at: { file: w.location.file, text: live.find(i => i.path === w.location!.file)?.content ?? '', offset: w.location.offset } } : {}),
    })
  }
  if (report.errors.length > 0) throw new CmhashError(report.errors)
  if (objects.length === 0) {
    throw new CmhashError([{ code: 'EMPTY_LIVE_STATE', message: 'the live state holds no objects; refusing to propose deletions from an empty or failed export' }])
  }
  return objects
}
