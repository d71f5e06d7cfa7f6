import { MANAGED_LABEL, NAME_ANNOTATION } from '../constants.js'
import { formatResource, type ResourceRef } from '../errors.js'
import type { CompiledTable } from '../refs/compile-table.js'
import type { Reporter } from '../report/reporter.js'
import type { TargetKind } from '../types.js'
import { field, findLiveReferences, isMap, scalarText, type LiveRef, type LiveValue } from './find-live-references.js'

// --- internal ---

/** What prune needs of one live object; the rest of it is dropped once read. */
export interface LiveObject {
  /** The file it was read from, for messages. */
  readonly file: string
  readonly group: string
  readonly kind: string
  /** Undefined for cluster-scoped objects (a live object without metadata.namespace). */
  readonly namespace: string | undefined
  readonly name: string
  readonly uid: string | undefined
  /** metadata.creationTimestamp as written, and in seconds since the epoch. */
  readonly created: string
  readonly createdAt: number
  /** Set for v1 ConfigMaps and Secrets. */
  readonly target: { readonly kind: TargetKind; readonly managed: boolean; readonly originalName: string } | undefined
  /** Sorted by path, so that the same object read from JSON or YAML gives the same list. */
  readonly refs: readonly LiveRef[]
}

/**
 * The facts of one item of a live export, or undefined (with an error
 * reported) when it is not an object prune can trust: no kind, no name, or
 * no valid creationTimestamp. `defaults` are its List's (typed lists'
 * items may leave out kind and apiVersion).
 */
export function readLiveObject(
  item: LiveValue, defaults: { kind?: string | undefined; apiVersion: string }, file: string, table: CompiledTable, report: Reporter,
): LiveObject | undefined {
  if (!isMap(item)) {
    report.error('INVALID_LIVE_STATE', { message: `an item of the live state in ${file} is not an object; refusing to propose deletions` })
    return undefined
  }
  const kind = scalarText(field(item, 'kind')) || defaults.kind
  const apiVersion = scalarText(field(item, 'apiVersion')) || defaults.apiVersion
  const metadata = field(item, 'metadata')
  const meta = isMap(metadata) ? metadata : {}
  const name = scalarText(field(meta, 'name'))
  const namespace = scalarText(field(meta, 'namespace')) || undefined
  if (!kind || !name) {
    report.error('INVALID_LIVE_STATE', {
      message: `an object of the live state in ${file} has no ${kind ? 'metadata.name' : 'kind'}${name ? ` (${name})` : ''}; refusing to propose deletions`,
    })
    return undefined
  }
  const resource: ResourceRef = namespace === undefined ? { kind, name } : { kind, namespace, name }
  const created = scalarText(field(meta, 'creationTimestamp'))
  const createdAt = created === undefined ? undefined : parseTimestamp(created)
  if (created === undefined || createdAt === undefined) {
    report.error('INVALID_TIMESTAMP', {
      message: `${formatResource(resource)} in ${file} has ${created === undefined ? 'no metadata.creationTimestamp' : `metadata.creationTimestamp ${JSON.stringify(created)}, not a time as Kubernetes writes it (2006-01-02T15:04:05Z)`}; its age is unknown, so prune refuses to decide`,
      resource, path: 'metadata.creationTimestamp',
    })
    return undefined
  }
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1)
  const isTarget = apiVersion === 'v1' && (kind === 'ConfigMap' || kind === 'Secret')
  const labels = field(meta, 'labels')
  const annotations = field(meta, 'annotations')
  const refs = findLiveReferences(item, kind, group, version, namespace, table)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {
    file, group, kind, namespace, name, uid: scalarText(field(meta, 'uid')) || undefined, created, createdAt,
    target: isTarget
      ? {
          kind,
          managed: isMap(labels) && field(labels, MANAGED_LABEL) === 'true',
          originalName: (isMap(annotations) ? scalarText(field(annotations, NAME_ANNOTATION)) : undefined) || name,
        }
      : undefined,
    refs,
  }
}

/**
 * Seconds since the epoch of a time written as Kubernetes writes
 * metadata.creationTimestamp (RFC 3339 in UTC, whole seconds:
 * `2006-01-02T15:04:05Z`); undefined for anything else.
 */
function parseTimestamp(s: string): number | undefined {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/.exec(s)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  d.setUTCHours(hour, minute, second)
  // Date rolls 31 April over into May: a day the month does not have is refused.
  if (d.getUTCDate() !== day) return undefined
  return d.getTime() / 1000
}
