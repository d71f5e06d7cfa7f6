import { hash } from 'node:crypto'
import type { ConfigMapContent, SecretContent } from '../types.js'
import { record } from '../text/records.js'
import { goMarshal, goQuote } from './go-json.js'

/**
 * The name suffix `kubectl kustomize` gives a `configMapGenerator` with this
 * content: 10 characters of a sha256, e.g. `f2bfgdm82d`.
 *
 * What goes in, as measured on the kustomize v5.5 binary in kubectl 1.32 (the
 * differential test re-checks it against kubectl on every run): Go's
 * json.Marshal (sorted keys, HTML-escaped) of `{kind, name, data,
 * binaryData}`, where `name` is always the empty string (kustomize's source
 * comments say otherwise; the binary does not hash the name, so generators
 * with equal content get equal suffixes), `data` is `""` when there is no
 * data, and `binaryData` is present only when non-empty, its values base64
 * wrapped as the generator writes them (see kustomizeBase64). Namespace and
 * `immutable` do not take part.
 */
export function hashConfigMap(content: ConfigMapContent): string {
  // The object's keys, in Go's order: binaryData, data, kind, name.
  const binary = nonEmpty(content.binaryData)
  const data = nonEmpty(content.data)
  return suffixOf(`{${binary ? `"binaryData":${goMarshal(mapValues(binary, canonicalBase64))},` : ''}"data":${data ? goMarshal(data) : '""'},"kind":"ConfigMap","name":""}`)
}

/**
 * The name suffix `kubectl kustomize` gives a `secretGenerator` with this
 * content and type: json.Marshal of `{kind, name: "", type, data}` with
 * `data` always a map (`{}` when empty, unlike a ConfigMap's `""`) of base64
 * as the generator writes it. Values are decoded and re-encoded first, so
 * base64 wrapped any other way, and `stringData`, hash the same as the
 * equivalent generated Secret.
 */
export function hashSecret(content: SecretContent): string {
  const data = record<string>()
  for (const [k, v] of Object.entries(content.data ?? {})) data[k] = canonicalBase64(v)
  for (const [k, v] of Object.entries(content.stringData ?? {})) data[k] = textBase64(v)
  // The object's keys, in Go's order: data, kind, name, type.
  return suffixOf(`{"data":${goMarshal(data)},"kind":"Secret","name":"","type":${goQuote(content.type ?? 'Opaque')}}`)
}

// --- internal ---

function suffixOf(encoded: string): string {
  // The one-shot form: a third of createHash's cost on a small object.
  return encodeSuffix(hash('sha256', encoded, 'hex'))
}

/** kustomize's encode(): first 10 hex digits with 0,1,3,a,e swapped for letters that spell no words. */
export function encodeSuffix(hex: string): string {
  let out = ''
  for (const c of hex.slice(0, 10)) out += SWAP[c] ?? c
  return out
}
const SWAP: Record<string, string> = { 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' }

function canonicalBase64(v: Uint8Array | string): string {
  return kustomizeBase64(typeof v === 'string' ? Buffer.from(v, 'base64') : v)
}

/**
 * Base64 as kustomize's generators write it (kyaml encodeBase64): encodings of
 * 70 characters or more are cut into 70-character lines, each ending in `\n`.
 */
function kustomizeBase64(bytes: Uint8Array): string {
  return wrap70(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'))
}

/** Base64 cut into 70-character lines, each ending in `\n`, from 70 characters on. */
function wrap70(b64: string): string {
  if (b64.length < 70) return b64
  let out = ''
  for (let i = 0; i < b64.length; i += 70) out += `${b64.slice(i, i + 70)}\n`
  return out
}

/** kustomizeBase64 of a string's UTF-8 bytes; without a Buffer for ASCII, whose bytes are its characters (btoa reads them as Latin-1). */
function textBase64(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return kustomizeBase64(Buffer.from(text, 'utf8'))
  return wrap70(btoa(text))
}

function nonEmpty<T>(m: Readonly<Record<string, T>> | undefined): Readonly<Record<string, T>> | undefined {
  if (!m) return undefined
  for (const _ in m) return m
  return undefined
}

function mapValues<T, U>(m: Readonly<Record<string, T>>, f: (v: T) => U): Record<string, U> {
  const out = record<U>()
  for (const [k, v] of Object.entries(m)) out[k] = f(v)
  return out
}
