// Generated objects as YAML text that the build reads back as exactly the
// same strings (under Kubernetes' YAML 1.1 reading and YAML 1.2 tools alike),
// laid out as kustomize lays them out: multi-line text as literal blocks,
// long base64 cut into 70-character lines.
import { isSafePlain } from '../emit/render.js'

// --- internal ---

export interface ObjectModel {
  readonly kind: 'ConfigMap' | 'Secret'
  readonly name: string
  readonly namespace?: string
  /** A comment line above the object, saying where it came from. */
  readonly comment: string
  readonly labels: ReadonlyArray<readonly [string, string]>
  readonly annotations: ReadonlyArray<readonly [string, string]>
  readonly immutable: boolean
  readonly type?: string
  /** Text (ConfigMap) or base64 (Secret) values. */
  readonly data: ReadonlyArray<readonly [string, string]>
  /** Base64 values (ConfigMap). */
  readonly binaryData: ReadonlyArray<readonly [string, string]>
}

/** One YAML document for the object, ending in a line break. */
export function renderObject(o: ObjectModel): string {
  // eslint-disable-next-line no-control-regex
  const lines = [`# ${o.comment.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')}`, 'apiVersion: v1', `kind: ${o.kind}`, 'metadata:']
  lines.push(`  name: ${renderText(o.name, '    ')}`)
  if (o.namespace !== undefined) lines.push(`  namespace: ${renderText(o.namespace, '    ')}`)
  if (o.labels.length > 0) lines.push('  labels:', ...pairs(o.labels, '    ', renderText))
  if (o.annotations.length > 0) lines.push('  annotations:', ...pairs(o.annotations, '    ', renderText))
  if (o.immutable) lines.push('immutable: true')
  if (o.type !== undefined) lines.push(`type: ${renderText(o.type, '  ')}`)
  if (o.data.length > 0) lines.push('data:', ...pairs(o.data, '  ', o.kind === 'Secret' ? renderBase64 : renderText))
  else if (o.kind === 'Secret') lines.push('data: {}')
  if (o.binaryData.length > 0) lines.push('binaryData:', ...pairs(o.binaryData, '  ', renderBase64))
  return `${lines.join('\n')}\n`
}

/** Base64 as kustomize writes it: 70 characters or more are cut into 70-character lines. */
export function wrapBase64(b64: string): string {
  if (b64.length < 70) return b64
  let out = ''
  for (let i = 0; i < b64.length; i += 70) out += `${b64.slice(i, i + 70)}\n`
  return out
}

function pairs(entries: ReadonlyArray<readonly [string, string]>, indent: string, render: (v: string, indent: string) => string): string[] {
  return entries.map(([k, v]) => `${indent}${renderKey(k)}: ${render(v, `${indent}  `)}`)
}

function renderKey(key: string): string {
  return isSafePlain(key) ? key : quote(key)
}

function renderBase64(b64: string, indent: string): string {
  return b64.includes('\n') ? literalBlock(b64, indent) : isSafePlain(b64) ? b64 : quote(b64)
}

/** A string value: plain when that reads back the same, a literal block for readable multi-line text, else double-quoted. */
function renderText(value: string, indent: string): string {
  if (isSafePlain(value) || (value.includes(' ') && PLAIN_WITH_SPACES.test(value))) return value
  if (value.includes('\n') && blockSafe(value)) return literalBlock(value, indent)
  return quote(value)
}

// Words separated by single spaces, none of which can start a YAML
// indicator or comment; a space makes the scalar a string in every schema.
const PLAIN_WITH_SPACES = /^[A-Za-z0-9][A-Za-z0-9._/-]*( [A-Za-z0-9._/()=-]+)+$/

/**
 * Whether a literal block reads back as `value`: no character a block
 * cannot hold (controls, CR, the YAML 1.1 line breaks NEL/LS/PS, BOM), no
 * line ending in white space or starting with a tab (editors and YAML
 * emitters disagree on those), and some line with text in it.
 */
function blockSafe(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/.test(value)) return false
  if (/[ \t]\n|[ \t]$|(^|\n)\t/.test(value)) return false
  return /[^\n]/.test(value)
}

function literalBlock(value: string, indent: string): string {
  const body = value.endsWith('\n') ? value.slice(0, -1) : value
  const chomp = !value.endsWith('\n') ? '-' : body.endsWith('\n') || body === '' ? '+' : ''
  // The indentation of a block is taken from its first non-empty line, so
  // text that starts with spaces needs it stated.
  const first = body.split('\n').find(l => l !== '') ?? ''
  const indicator = first.startsWith(' ') ? '2' : ''
  return `|${indicator}${chomp}\n${body.split('\n').map(l => (l === '' ? '' : `${indent}${l}`)).join('\n')}`
}

/** JSON's double-quoted string is YAML's too, once the characters YAML will not hold raw are escaped. */
function quote(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
