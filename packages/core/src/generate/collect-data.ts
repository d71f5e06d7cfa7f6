// The keys and values of one generator, from its env files, files and
// literals, with every problem reported where it is written.
import { Buffer } from 'node:buffer'
import type { ErrorCode, ResourceRef, SourceLocation } from '../errors.js'
import { dataKeyProblem } from '../kube/data-key.js'
import type { GeneratorEntry } from './list-generators.js'
import { parseEnvFile } from './parse-env-file.js'
import { normalizePath, parseFileSource } from './parse-file-source.js'
import { parseLiteral } from './parse-literal.js'
import type { ConfigPath, GeneratorFiles, UnreadableFile } from './types.js'

// --- internal ---

/** Kubernetes rejects a ConfigMap or Secret whose values add up to more than 1 MiB. */
const MAX_DATA_BYTES = 1_048_576

export interface Collected {
  /** Key to text (ConfigMap `data`) or bytes (`binaryData`, and every Secret value), in code point order of keys. */
  readonly entries: ReadonlyArray<readonly [string, string | Uint8Array]>
}

/** How collect reports a problem: at a field of the configuration, or at a line of an env file. */
export interface Report {
  (code: ErrorCode, message: string, at: ConfigPath | SourceLocation, resource?: ResourceRef): void
  /** The file path as messages show it (the configuration's directory before it). */
  display(path: string): string
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Collects a generator's data: env files (`env`, then `envs`), then `files`,
 * then `literals`. For a ConfigMap, a file that is valid UTF-8 is text
 * (byte-order mark and CRLF kept) and any other file is binary; for a
 * Secret every value is bytes. Returns undefined when something was reported.
 */
export function collectData(g: GeneratorEntry, files: GeneratorFiles, resource: ResourceRef, report: Report): Collected | undefined {
  const who = formatWho(resource)
  const secret = g.kind === 'Secret'
  const data = new Map<string, { value: string | Uint8Array; from: string }>()
  let ok = true
  const fail = (code: ErrorCode, message: string, at: ConfigPath | SourceLocation) => {
    ok = false
    report(code, `${who}: ${message}`, at, resource)
  }
  const field = (...rest: (string | number)[]): ConfigPath => [g.field, g.index, ...rest]
  const add = (key: string, value: string | Uint8Array, from: string, at: ConfigPath | SourceLocation, showKey: boolean, hint = '') => {
    const shown = showKey ? `key ${JSON.stringify(key)}` : 'the key'
    const problem = dataKeyProblem(key)
    if (problem) return fail('INVALID_DATA_KEY', `${shown} of ${from} ${problem}, so Kubernetes would reject it${keyHint(key)}${hint}`, at)
    const first = data.get(key)
    if (first) return fail('DUPLICATE_DATA_KEY', `${shown} of ${from} is also the key of ${first.from}; a key may come from one source only (kustomize refuses it too)`, at)
    data.set(key, { value, from })
  }
  const read = (path: string, at: ConfigPath): Uint8Array | undefined => {
    const content = Object.hasOwn(files, path) ? files[path] : undefined
    if (content === undefined) {
      fail('GENERATOR_FILE', `no content was given for ${report.display(path)}`, at)
      return undefined
    }
    if (typeof content === 'string') return Buffer.from(content, 'utf8')
    if (content instanceof Uint8Array) return content
    fail(content.problem === 'too-large' ? 'OBJECT_TOO_LARGE' : 'GENERATOR_FILE', unreadable(report.display(path), content), at)
    return undefined
  }

  const envs: Array<[string, ConfigPath]> = [
    ...(g.spec.env !== undefined ? [[g.spec.env, field('env')] as [string, ConfigPath]] : []),
    ...(g.spec.envs ?? []).map((e, i) => [e, field('envs', i)] as [string, ConfigPath]),
  ]
  for (const [written, at] of envs) {
    const source = normalizePath(written)
    if (!source.ok) {
      fail(source.code, `env file ${JSON.stringify(written)} ${source.problem}`, at)
      continue
    }
    const bytes = read(source.path, at)
    if (!bytes) continue
    const shown = report.display(source.path)
    const { entries, problems } = parseEnvFile(bytes)
    for (const p of problems) {
      const where: SourceLocation = { file: shown, line: p.line, col: 1, offset: p.offset }
      fail('INVALID_GENERATOR', p.kind === 'not-utf8'
        ? `${shown} line ${p.line} is not UTF-8 text`
        : `${shown} line ${p.line} is 64 KiB or longer; kustomize silently drops it and every line after it, so cmhash refuses the file`, where)
    }
    for (const e of entries) {
      const where: SourceLocation = { file: shown, line: e.line, col: 1, offset: e.offset }
      add(e.key, secret ? Buffer.from(e.value, 'utf8') : e.value, `${shown} line ${e.line}`, where, !secret)
    }
  }

  for (const [i, written] of (g.spec.files ?? []).entries()) {
    const source = parseFileSource(written)
    if (!source.ok) {
      fail(source.code, `files[${i}] ${JSON.stringify(written)} ${source.problem}`, field('files', i))
      continue
    }
    const bytes = read(source.path, field('files', i))
    if (!bytes) continue
    let value: string | Uint8Array = bytes
    if (!secret) {
      try {
        value = utf8.decode(bytes)
      } catch {
        // not UTF-8: binaryData
      }
    }
    const named = written.includes('=')
    add(source.key, value, `files[${i}]`, field('files', i), true, named ? '' : '; name the key: key=path')
  }

  for (const [i, written] of (g.spec.literals ?? []).entries()) {
    const literal = parseLiteral(written)
    if (!literal) {
      fail('INVALID_GENERATOR', `literals[${i}] is not KEY=value (it needs a key and an "=")`, field('literals', i))
      continue
    }
    if (!isWellFormed(written)) {
      fail('INVALID_GENERATOR', `literals[${i}] holds text that is not valid Unicode (a lone surrogate escape)`, field('literals', i))
      continue
    }
    add(literal.key, secret ? Buffer.from(literal.value, 'utf8') : literal.value, `literals[${i}]`, field('literals', i), !secret)
  }
  if (!ok) return undefined

  const entries = [...data].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, v.value] as const)
  let bytes = 0
  for (const [, v] of entries) bytes += typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : v.byteLength
  if (bytes > MAX_DATA_BYTES) {
    const [key, largest] = entries.reduce((a, b) => (size(b[1]) > size(a[1]) ? b : a))
    fail('OBJECT_TOO_LARGE', `its values add up to ${bytes} bytes (${JSON.stringify(key)} alone is ${size(largest)}); ` +
      `Kubernetes rejects ConfigMaps and Secrets over 1 MiB (${MAX_DATA_BYTES} bytes), so mount large files another way`, field('name'))
    return undefined
  }
  return { entries }
}

export function formatWho(r: ResourceRef): string {
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`
}

function size(v: string | Uint8Array): number {
  return typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : v.byteLength
}

function keyHint(key: string): string {
  if (/^export\s/.test(key)) return '; env files are not shell scripts: drop "export"'
  if (/^\s|\s$/.test(key)) return '; the spaces around "=" are part of the key'
  return ''
}

function unreadable(path: string, f: UnreadableFile): string {
  switch (f.problem) {
    case 'missing': return `${path} does not exist`
    case 'directory': return `${path} is a directory; name a file (kustomize refuses directories too)`
    case 'outside': return `${path} is a symbolic link to a file outside the configuration's directory; generators read only files in it or below it`
    case 'too-large': return `${path} is ${f.detail ?? 'more than 1 MiB'} bytes; Kubernetes rejects ConfigMaps and Secrets over 1 MiB (${MAX_DATA_BYTES} bytes)`
    case 'unreadable': return `${path} cannot be read${f.detail ? ` (${f.detail})` : ''}`
  }
}

/** String.prototype.isWellFormed (ES2024): no lone surrogate. */
function isWellFormed(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)
}
