import { isMap, isPair, isScalar, type YAMLMap } from 'yaml'
import { HASH_ANNOTATION, MANAGED_LABEL, NAME_ANNOTATION } from '../constants.js'
import type { ResourceRef } from '../errors.js'
import type { TargetFacts, TargetValues } from '../facts.js'
import { hashConfigMap, hashSecret } from '../kube/hash.js'
import { k8sBool } from '../kube/scalar.js'
import type { Reporter } from '../report/reporter.js'
import type { TargetKind } from '../types.js'
import { get, getPair, isPlain, str, type ReadContext } from '../yaml/read-context.js'
import {
  UNEDITABLE, afterPairSite, directPair, emptyValueSite, isExplicitKey, metaMap, scalarSite, stepOf,
} from './edit-sites.js'
import type { DocScope } from './scope.js'
import { ContentReader, mapBytes } from './target-content.js'
import { compare, sortSmall } from '../text/compare.js'

// --- internal ---

/**
 * What hashing and renaming one ConfigMap or Secret needs: its content's
 * hash (undefined when the content is invalid: the problems are reported),
 * how it is selected, and every place an edit goes.
 */
export function readTarget(
  map: YAMLMap, metadata: YAMLMap, kind: TargetKind, name: string, resource: ResourceRef,
  scope: DocScope, ctx: ReadContext, report: Reporter, keepValues: boolean, entryKeys: ReadonlySet<string> | undefined,
): TargetFacts | undefined {
  const at = (node: { range?: [number, number, number] | null } | null | undefined) =>
    ({ ...scope, offset: node?.range?.[0] ?? map.range?.[0] ?? scope.start })
  const labelsRead = metaMap(metadata, 'labels', scope.text, ctx, entryKeys)
  const annotationsRead = metaMap(metadata, 'annotations', scope.text, ctx, entryKeys)
  const labels = labelsRead === UNEDITABLE ? undefined : labelsRead
  const annotations = annotationsRead === UNEDITABLE ? undefined : annotationsRead

  const hashAnn = annotations?.entries.get(HASH_ANNOTATION)
  let mode: TargetFacts['mode'] = 'auto'
  if (hashAnn) {
    if (hashAnn.value === 'true' && !hashAnn.plain) mode = 'force'
    else if (hashAnn.value === 'false' && !hashAnn.plain) mode = 'off'
    else {
      report.error('INVALID_ANNOTATION', {
        message: `annotation ${HASH_ANNOTATION} must be the string "true" or "false"${hashAnn.plain ? ', quoted (unquoted, Kubernetes reads a boolean and rejects the object)' : ''}`,
        at: { ...scope, offset: hashAnn.start }, resource, path: `metadata.annotations["${HASH_ANNOTATION}"]`,
      })
    }
  }
  const content = new ContentReader(kind, resource, scope, ctx, report)
  let hash: string | undefined
  let secretType: string | undefined
  let values: TargetValues | undefined
  let empty: boolean
  let keys: string[]
  if (kind === 'ConfigMap') {
    const data = content.strings(map, 'data', 'text')
    const binaryData = content.strings(map, 'binaryData', 'base64')
    empty = !data && !binaryData
    keys = [...Object.keys(data ?? {}), ...Object.keys(binaryData ?? {})]
    for (const key of Object.keys(binaryData ?? {})) {
      if (data && Object.hasOwn(data, key)) {
        report.error('DUPLICATE_DATA_KEY', {
          message: `key "${key}" is in both data and binaryData; Kubernetes rejects that`,
          at: at(map), resource, path: `binaryData[${JSON.stringify(key)}]`,
        })
        content.ok = false
      }
    }
    if (content.ok) {
      hash = hashConfigMap({ data: data ?? {}, binaryData: mapBytes(binaryData ?? {}) })
      if (keepValues) values = { data: data ?? {}, binaryData: binaryData ?? {}, stringData: {} }
    }
  } else {
    const typeNode = get(map, 'type', ctx)
    secretType = str(typeNode) || undefined
    const data = content.strings(map, 'data', 'base64')
    const stringData = content.strings(map, 'stringData', 'text')
    empty = !data && !stringData
    keys = [...Object.keys(data ?? {}), ...Object.keys(stringData ?? {})]
    if (content.ok) {
      hash = hashSecret({ type: secretType ?? 'Opaque', data: mapBytes(data ?? {}), stringData: stringData ?? {} })
      if (keepValues) values = { data: data ?? {}, binaryData: {}, stringData: stringData ?? {} }
    }
  }

  const originalName = annotations?.entries.get(NAME_ANNOTATION)?.value || withoutOwnHash(name, hash)
  const text = scope.text
  const namePair = directPair(metadata, 'name', ctx)
  const kindPair = directPair(map, 'kind', ctx)
  const metadataPair = directPair(map, 'metadata', ctx)
  const immutablePair = directPair(map, 'immutable', ctx)
  const nameScalar = namePair && isScalar(namePair.value) && !namePair.value.anchor ? namePair.value : undefined
  const immutableScalar = immutablePair && isScalar(immutablePair.value) ? immutablePair.value : undefined
  const immutableEmpty = immutablePair ? emptyValueSite(text, immutablePair) : undefined
  const explicit = [namePair, kindPair, metadataPair, immutablePair].some(p => p && isExplicitKey(text, p))
  const notEditable = !nameScalar || !metadataPair || !isMap(metadataPair.value) || (!kindPair && getPair(map, 'kind', ctx))
    ? 'its kind, metadata or name is written through a YAML alias, anchor or merge key, so it cannot be renamed in place'
    : labelsRead === UNEDITABLE || annotationsRead === UNEDITABLE
      ? 'its labels or annotations, or the cmhash.dev/ entries in them, are not plain (an alias, a tag, a non-map value or an explicit ? key), so cmhash cannot add to them'
      : explicit
        ? 'it writes kind, metadata, name or immutable with an explicit ? key, whose layout cmhash does not edit'
        : immutablePair && !immutableScalar && !immutableEmpty
          ? 'its immutable field is not a boolean'
          : undefined
  const lastPair = map.items.filter(isPair).pop()
  const rootSite = afterPairSite(text, map, kindPair ?? lastPair)
  // New labels/annotations maps go after the existing one of the two, or after the name.
  const metadataSite = afterPairSite(text, metadata,
    directPair(metadata, 'annotations', ctx) ?? directPair(metadata, 'labels', ctx) ?? namePair ?? metadata.items.find(isPair))
  const step = nameScalar && metadataPair ? stepOf(text, metadataPair, namePair!) : '  '
  return {
    kind, name, originalName, hash, mode, empty, secretType, values, keys: sortSmall([...new Set(keys)], compare),
    managed: labels?.entries.get(MANAGED_LABEL)?.value === 'true',
    created: str(get(metadata, 'creationTimestamp', ctx)) || undefined,
    ...(notEditable ? { notEditable } : {}),
    nameSite: nameScalar ? scalarSite(nameScalar, text) : { start: 0, end: 0, style: 'plain' },
    immutable: immutableEmpty
      ? { site: { ...immutableEmpty, style: 'plain' }, value: undefined, empty: immutableEmpty.start === immutableEmpty.end }
      : immutableScalar
        ? { site: scalarSite(immutableScalar, text), value: k8sBool(String(immutableScalar.value), isPlain(immutableScalar)), empty: false }
        : undefined,
    rootSite, metadataSite, step, labels, annotations,
  }
}

/**
 * `web-config` for `web-config-6759426794` when 6759426794 is the hash of
 * the object's own content: the name is already content-addressed
 * (`kubectl kustomize` output), so its base is the name before hashing.
 */
function withoutOwnHash(name: string, hash: string | undefined): string {
  return hash !== undefined && name.length > hash.length + 1 && name.endsWith(`-${hash}`) ? name.slice(0, -hash.length - 1) : name
}
