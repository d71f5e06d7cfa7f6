// The change report (`--report FILE`) and its human form (`--summary`): for
// every hashed ConfigMap/Secret, its old and new name and what changes
// because of it. The JSON shape is schema/cmhash.report.schema.json, from
// which report-types.ts is generated.
import type { BuildResult } from '../types.js'
import { formatResource } from '../errors.js'
import { formatTable } from '../text/table.js'
import type { PruneCandidate } from '../types.js'
import type { ChangeReport } from './report-types.js'

export type { ChangeReport, ReportReferrer, ReportRename, ReportWarning } from './report-types.js'

/** The report of a build: plain data, ready for JSON.stringify. */
export function changeReport(result: BuildResult): ChangeReport {
  return {
    version: 1,
    renames: result.renames.map(r => ({
      kind: r.kind, namespace: r.namespace, originalName: r.originalName, from: r.from, to: r.to,
      changed: r.from !== r.to, file: r.file,
      referencedBy: r.referencedBy.map(x => ({ ...x })),
    })),
    warnings: result.warnings.map(w => ({
      code: w.code, message: w.message,
      ...(w.location ? { file: w.location.file, line: w.location.line, column: w.location.col } : {}),
      ...(w.path ? { path: w.path } : {}),
    })),
  }
}

/**
 * A table for a terminal or a pull request: one row per hashed object, with
 * what rolls (or is recreated, or updated) because of it.
 */
export function formatSummary(report: ChangeReport): string {
  if (report.renames.length === 0) return 'cmhash: no ConfigMap or Secret was hashed\n'
  const rows = [['CONFIG', 'NAME', 'ROLLS', 'ALSO CHANGES']]
  for (const r of report.renames) {
    const who = (effect: string) => [...new Set(r.referencedBy.filter(x => x.effect === effect)
      .map(x => formatResource(x.namespace === undefined ? x : { ...x, namespace: x.namespace })))]
    const rolls = who('rolls')
    const other = [...who('recreate').map(p => `${p} (recreate)`), ...who('updates')]
    rows.push([
      formatResource({ kind: r.kind, namespace: r.namespace, name: r.originalName }),
      r.to,
      rolls.join(', ') || '-',
      other.join(', ') || '-',
    ])
  }
  return formatTable(rows)
}

/** A table of prune candidates for a terminal: kind, namespace, name, verdict and every reason. */
export function formatCandidates(candidates: readonly PruneCandidate[]): string {
  if (candidates.length === 0) return 'cmhash: no managed ConfigMaps or Secrets in the live state\n'
  return formatTable([['KIND', 'NAMESPACE', 'NAME', 'VERDICT', 'WHY'],
    ...candidates.map(c => [c.kind, c.namespace, c.name, c.verdict, c.reasons.join('; ')])])
}
