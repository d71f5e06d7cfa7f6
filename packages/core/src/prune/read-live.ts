import { isScalar, parseAllDocuments } from 'yaml'
import { distinctPaths } from '../analyze.js'
import { CmhashError } from '../errors.js'
import { listItemKind } from '../lists.js'
import { yamlErrorMessage } from '../read/yaml-errors.js'
import type { CompiledTable } from '../refs/compile-table.js'
import { Reporter } from '../report/reporter.js'
import type { BuildInput } from '../types.js'
import { collapseDuplicates } from './collapse-duplicates.js'
import { field, isMap, scalarText, TooDeepError, type LiveValue } from './find-live-references.js'
import { parseKubectlYaml } from './parse-kubectl-yaml.js'
import { readLiveObject, type LiveObject } from './read-live-object.js'

// --- internal ---

export interface LiveReadOptions {
  readonly table: CompiledTable
}

/**
 * The objects of a live-state export, each object once. Throws when the
 * export cannot be trusted, so that a bad export never deletes anything: a
 * file that does not parse or holds nothing (what a failed `kubectl get > f`
 * leaves), a document that is not a `List` as `kubectl get` writes it (YAML
 * cut short shows only in a List, whose `items` kubectl writes before its
 * `kind`), an item without kind, name or a valid creationTimestamp, the
 * same object twice with different content, or no objects at all.
 *
 * JSON (what `kubectl get -o json` writes) is read with JSON.parse; YAML as
 * kubectl writes it with a reader for that subset; any other YAML with the
 * yaml package. Only the facts prune needs are kept.
 */
export function readLive(inputs: readonly BuildInput[], options: LiveReadOptions): LiveObject[] {
  const report = new Reporter()
  const objects: LiveObject[] = []
  for (const input of distinctPaths(inputs)) {
    const text = input.content.charCodeAt(0) === 0xfeff ? input.content.slice(1) : input.content
    try {
      readLiveFile(input.path, text, options, report, objects)
    } catch (e) {
      if (!(e instanceof TooDeepError || e instanceof RangeError)) throw e
      report.error('INVALID_LIVE_STATE', { message: 'the live state is nested too deeply to be an export; refusing to propose deletions', at: { file: input.path, text, offset: 0 } })
    }
  }
  if (report.errors.length > 0) throw new CmhashError(report.errors)
  const live = collapseDuplicates(objects, report)
  if (report.errors.length > 0) throw new CmhashError(report.errors)
  if (live.length === 0) {
    throw new CmhashError([{ code: 'EMPTY_LIVE_STATE', message: 'the live state holds no objects; refusing to propose deletions from an empty or failed export' }])
  }
  return live
}

// --- internal ---

interface LiveDocument {
  readonly value: LiveValue
  readonly offset: number
}

function readLiveFile(path: string, text: string, options: LiveReadOptions, report: Reporter, out: LiveObject[]): void {
  const json = parseJson(text)
  const docs = json ? [{ value: json, offset: 0 }] : parseYaml(path, text, options, report)
  if (!docs) return
  const at = (offset: number) => ({ file: path, text, offset })
  if (docs.length === 0) {
    report.error('EMPTY_LIVE_STATE', { message: 'this live-state file holds nothing (a failed export?); refusing to propose deletions', at: at(0) })
    return
  }
  for (const { value, offset } of docs) {
    const kind = isMap(value) ? scalarText(field(value, 'kind')) : undefined
    const apiVersion = isMap(value) ? scalarText(field(value, 'apiVersion')) : undefined
    if (!isMap(value) || !kind || !apiVersion) {
      report.error('INVALID_LIVE_STATE', { message: 'a document of the live state is not a Kubernetes object (a truncated export?); refusing to propose deletions', at: at(offset) })
      continue
    }
    const itemKind = listItemKind(kind)
    const items = field(value, 'items')
    if (itemKind === undefined || !Array.isArray(items)) {
      // JSON that parsed is whole; a YAML object alone may have lost its last lines.
      if (json && itemKind === undefined) {
        const o = readLiveObject(value, { apiVersion }, path, options.table, report)
        if (o) out.push(o)
        continue
      }
      report.error('INVALID_LIVE_STATE', {
        message: `a document of the live state is ${itemKind === undefined ? `a ${kind}, not a List as kubectl get writes it (an object alone does not show whether it was cut short)` : `a ${kind} without items`}; refusing to propose deletions`,
        at: at(offset),
      })
      continue
    }
    if (!json && Object.keys(value).at(-1) === 'items') {
      report.error('INVALID_LIVE_STATE', { message: `this ${kind} ends with its items, where kubectl writes kind and metadata after them: cut short?; refusing to propose deletions`, at: at(offset) })
      continue
    }
    for (const item of items) {
      const o = readLiveObject(item, { kind: itemKind || undefined, apiVersion }, path, options.table, report)
      if (o) out.push(o)
    }
  }
}

/** The value of a file that is one JSON document; undefined when it is not JSON (then it is read as YAML). */
function parseJson(text: string): LiveValue | undefined {
  let i = 0
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++
  if (text[i] !== '{') return undefined
  try {
    return JSON.parse(text) as LiveValue
  } catch {
    return undefined
  }
}

/** The non-empty documents of a YAML file, or undefined when it does not parse (reported). */
function parseYaml(path: string, text: string, options: LiveReadOptions, report: Reporter): LiveDocument[] | undefined {
  const skipTargetContent = !options.table.byKind.has('ConfigMap') && !options.table.byKind.has('Secret')
  const fast = parseKubectlYaml(text, skipTargetContent)
  if (fast) return fast.flatMap(d => (d.value === null ? [] : [{ value: d.value, offset: d.offset }]))
  const docs: LiveDocument[] = []
  for (const doc of parseAllDocuments(text, { schema: 'failsafe', merge: true, prettyErrors: false, logLevel: 'silent' })) {
    const e = doc.errors[0]
    if (e) {
      report.error('YAML_SYNTAX', { message: yamlErrorMessage(e.code), at: { file: path, text, offset: e.pos[0] } })
      return undefined
    }
    const contents = doc.contents
    if (contents === null || (isScalar(contents) && contents.source === '' && !contents.tag && !contents.anchor)) continue
    try {
      docs.push({ value: doc.toJS() as LiveValue, offset: contents.range[0] })
    } catch {
      report.error('ALIAS_LIMIT', { message: 'YAML aliases in this document expand too far (alias bomb?); refusing to read it', at: { file: path, text, offset: contents.range[0] } })
      return undefined
    }
  }
  return docs
}
