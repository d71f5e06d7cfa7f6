// Which keys of a ConfigMap or Secret were added, removed or changed. Values
// are compared in memory, as Kubernetes stores them (bytes, whatever the
// base64 layout), and never leave this module: only key names do.
import type { TargetValues } from '../facts.js'
import type { TargetKind } from '../types.js'
import { decodeBase64 } from '../kube/base64.js'
import type { DiffKeys } from './diff-types.js'

// --- internal ---

export function compareKeys(kind: TargetKind, base: TargetValues, head: TargetValues): DiffKeys {
  const before = stored(kind, base)
  const after = stored(kind, head)
  const added: string[] = []
  const removed: string[] = []
  const changed: string[] = []
  for (const [key, value] of after) {
    const old = before.get(key)
    if (old === undefined) added.push(key)
    else if (old !== value) changed.push(key)
  }
  for (const key of before.keys()) if (!after.has(key)) removed.push(key)
  return { added: added.sort(byCodePoint), removed: removed.sort(byCodePoint), changed: changed.sort(byCodePoint) }
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Key to what Kubernetes stores: a ConfigMap's data text or binaryData bytes
 * (told apart, since moving a key between them changes the object); a
 * Secret's bytes, stringData written over data as the API server does.
 */
function stored(kind: TargetKind, values: TargetValues): Map<string, string> {
  const out = new Map<string, string>()
  const bytes = (b64: string) => Buffer.from(decodeBase64(b64)).toString('base64')
  if (kind === 'ConfigMap') {
    for (const [k, v] of Object.entries(values.data)) out.set(k, `text:${v}`)
    for (const [k, v] of Object.entries(values.binaryData)) out.set(k, `bytes:${bytes(v)}`)
  } else {
    for (const [k, v] of Object.entries(values.data)) out.set(k, bytes(v))
    for (const [k, v] of Object.entries(values.stringData)) out.set(k, Buffer.from(v, 'utf8').toString('base64'))
  }
  return out
}
