// The content of a ConfigMap or Secret, read and checked as Kubernetes
// reads it: data keys, string values (goyaml v2 rules), base64.
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml'
import type { ResourceRef } from '../errors.js'
import { decodeBase64, isKubernetesBase64 } from '../kube/base64.js'
import { dataKeyProblem } from '../kube/data-key.js'
import { k8sPlainScalarKind, k8sScalarKind, type K8sScalarKind } from '../kube/scalar.js'
import type { Reporter } from '../report/reporter.js'
import type { TargetKind } from '../types.js'
import { deref, entries, getPair, isPlain, scalarText, type ReadContext } from '../yaml/read-context.js'
import { record } from '../text/records.js'
import type { DocScope } from './scope.js'

// --- internal ---

/** Reads and checks `data`-like maps of a ConfigMap/Secret as Kubernetes would. */
export class ContentReader {
  ok = true
  constructor(
    readonly kind: TargetKind, readonly resource: ResourceRef, readonly scope: DocScope,
    readonly ctx: ReadContext, readonly report: Reporter,
  ) {}

  /**
   * The field's entries as strings (base64 text for `base64` fields), or
   * undefined when the field is absent or empty. Reports every invalid key
   * and value, without ever quoting a value.
   */
  strings(map: YAMLMap, field: string, encoding: 'text' | 'base64'): Record<string, string> | undefined {
    const pair = getPair(map, field, this.ctx)
    if (!pair) return undefined
    const node = deref(pair.value, this.ctx)
    if (isScalar(node) && isPlain(node) && k8sPlainScalarKind(String(node.value)) === 'null') return undefined
    if (!isMap(node)) {
      this.fail('INVALID_RESOURCE', node ?? pair.key as Node, field, `${field} must be a map of keys to strings`)
      return undefined
    }
    const out = record<string>()
    for (const p of entries(node, this.ctx)) {
      const keyNode = p.key as Node
      const key = this.key(keyNode, field)
      if (key === undefined) continue
      const value = deref(p.value, this.ctx)
      const kindRead = valueKind(value)
      if (kindRead !== 'string') {
        const what = kindRead === 'null' ? 'empty (null)' : `read by Kubernetes as ${article(kindRead)}`
        this.fail('DATA_NOT_STRING', value ?? keyNode, dataPath(field, key),
          `${dataPath(field, key)} is ${what}; Kubernetes accepts only strings here, so quote the value`)
        continue
      }
      const s = scalarText(value as Scalar)
      if (encoding === 'base64' && !isKubernetesBase64(s)) {
        this.fail('INVALID_BASE64', value!, dataPath(field, key), `${dataPath(field, key)} is not valid base64 (standard alphabet, with padding)`)
        continue
      }
      out[key] = s
    }
    for (const _ in out) return out
    return undefined
  }

  private key(node: Node, field: string): string | undefined {
    if (!isScalar(node)) {
      this.fail('INVALID_DATA_KEY', node, field, `${field} has a key that is not a string`)
      return undefined
    }
    const key = String(node.value)
    if (isPlain(node) && !node.tag) {
      const read = k8sPlainScalarKind(key)
      if (read !== 'string' && !(read === 'int' && /^(0|[1-9][0-9]*)$/.test(key))) {
        this.fail('INVALID_DATA_KEY', node, `${field}[${JSON.stringify(key)}]`,
          `${field} key ${JSON.stringify(key)} is read by Kubernetes as ${article(read)}, not the text written; quote it`)
        return undefined
      }
    }
    const problem = dataKeyProblem(key)
    if (problem) {
      this.fail('INVALID_DATA_KEY', node, `${field}[${JSON.stringify(key)}]`, `${field} key ${JSON.stringify(key)} ${problem}`)
      return undefined
    }
    return key
  }

  private fail(code: 'INVALID_RESOURCE' | 'DATA_NOT_STRING' | 'INVALID_BASE64' | 'INVALID_DATA_KEY', node: Node, path: string, message: string): void {
    this.ok = false
    this.report.error(code, {
      message: `${this.kind} ${this.resource.namespace ? `${this.resource.namespace}/` : ''}${this.resource.name}: ${message}`,
      at: { ...this.scope, offset: node?.range?.[0] ?? this.scope.start },
      resource: this.resource,
      path,
    })
  }
}

function valueKind(node: Node | null): K8sScalarKind | 'map' | 'list' {
  if (node === null) return 'null'
  if (isMap(node)) return 'map'
  if (isSeq(node)) return 'list'
  if (!isScalar(node)) return 'null'
  return k8sScalarKind(String(node.value), isPlain(node), node.tag)
}

function article(kind: string): string {
  const words: Record<string, string> = { bool: 'a boolean', int: 'an integer', float: 'a number', null: 'null', map: 'a map', list: 'a list', binary: 'bytes (a !!binary tag)' }
  return words[kind] ?? kind
}

export function mapBytes(m: Record<string, string>): Record<string, Uint8Array> {
  const out = record<Uint8Array>()
  for (const [k, v] of Object.entries(m)) out[k] = decodeBase64(v)
  return out
}

/** `data["key"]`: the field of one entry, for a message (made only when one is). */
function dataPath(field: string, key: string): string {
  return `${field}[${JSON.stringify(key)}]`
}
