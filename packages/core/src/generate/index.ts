// Generators: ConfigMaps and Secrets made from files, env files and literals,
// with kustomize's fields and content rules. Pure: the caller reads the files
// (generatorFiles says which) and passes their bytes; the YAML that comes
// out joins the build's input, which hashes it as kustomize names it.
import { Buffer } from 'node:buffer'
import { CmhashError, type ErrorCode, type ErrorDetail, type ResourceRef, type SourceLocation } from '../errors.js'
import { HASH_ANNOTATION } from '../constants.js'
import { collectData, formatWho, type Collected, type Report } from './collect-data.js'
import { listGenerators, type GeneratorEntry } from './list-generators.js'
import { normalizePath, parseFileSource } from './parse-file-source.js'
import { renderObject, wrapBase64, type ObjectModel } from './render-object.js'
import type { ConfigPath, GeneratedObject, GenerateOptions, GeneratorFiles, GeneratorSpec } from './types.js'

export { attributeToGenerators } from './attribute-problems.js'
export { configLocator } from './locate-config.js'

/**
 * The files the generators read, as paths relative to the configuration's
 * directory (normalized: `./a/../b.env` is `b.env`), each once, in the order
 * first named. Entries that are not valid paths are left out; {@link
 * generate} reports them.
 */
export function generatorFiles(spec: GeneratorSpec): string[] {
  checkArguments(spec, {})
  const out = new Set<string>()
  for (const g of safeList(spec)) {
    for (const e of [...(g.spec.env !== undefined ? [g.spec.env] : []), ...(g.spec.envs ?? [])]) {
      const p = normalizePath(e)
      if (p.ok) out.add(p.path)
    }
    for (const f of g.spec.files ?? []) {
      const p = parseFileSource(f)
      if (p.ok) out.add(p.path)
    }
  }
  return [...out]
}

/**
 * Makes the ConfigMaps and Secrets the generators describe, as one YAML
 * stream (ConfigMaps, then Secrets, each in the order written), for the
 * build to hash: each object is annotated `cmhash.dev/hash: "true"`, so the
 * build hashes it whatever `select` says (kustomize always does), or
 * `"false"` for `disableNameSuffixHash`, so it keeps its name.
 *
 * Content follows kustomize (v5.5, as measured on the binary): files that
 * are UTF-8 go to `data` as they are (BOM and CRLF kept), others to
 * `binaryData`; Secret values are base64 in `data` (never `stringData`),
 * cut into 70-character lines as kustomize writes them. Where kustomize
 * would make an object Kubernetes rejects (a key such as `my key` or `.`,
 * more than 1 MiB of data), or silently drop data (an env-file line of 64
 * KiB), cmhash refuses instead.
 *
 * Throws {@link CmhashError} listing every problem, each at the
 * configuration field (with `options.locate`) or env-file line it comes
 * from. Messages never hold a Secret value, nor a Secret key that failed
 * validation (it may be a value written without its key).
 */
export function generate(spec: GeneratorSpec, files: GeneratorFiles, options: GenerateOptions = {}): string {
  checkArguments(spec, files)
  const errors: ErrorDetail[] = []
  const report: Report = Object.assign(
    (code: ErrorCode, message: string, at: ConfigPath | SourceLocation, resource?: ResourceRef) => {
      const location = Array.isArray(at) ? options.locate?.(at) : at as SourceLocation
      errors.push({
        code, message, ...(location ? { location } : {}), ...(resource ? { resource } : {}), ...(Array.isArray(at) ? { path: formatPath(at) } : {}),
      })
    },
    { display: (path: string) => (options.baseDir && options.baseDir !== '.' ? `${options.baseDir.replace(/\/+$/, '')}/${path}` : path) },
  )
  const generators = checkedList(spec, report)
  if (errors.length > 0) throw new CmhashError(errors)
  const seen = new Map<string, GeneratorEntry>()
  const docs: string[] = []
  for (const g of generators) {
    const resource: ResourceRef = { kind: g.kind, name: g.spec.name, ...(g.spec.namespace !== undefined ? { namespace: g.spec.namespace } : {}) }
    const who = formatWho(resource)
    const id = `${g.kind}\0${g.spec.namespace ?? ''}\0${g.spec.name}`
    const first = seen.get(id)
    if (first) {
      const at = options.locate?.([first.field, first.index, 'name'])
      report('DUPLICATE_RESOURCE', `${who} is generated twice: here and by ${first.field}[${first.index}]${at ? ` at ${at.file}:${at.line}` : ''}`,
        [g.field, g.index, 'name'], resource)
      continue
    }
    seen.set(id, g)
    if (g.hashed && g.spec.name.length + 11 > 253) {
      report('NAME_TOO_LONG', `${who}: the hashed name would be ${g.spec.name.length + 11} characters; Kubernetes allows 253`, [g.field, g.index, 'name'], resource)
    }
    const collected = collectData(g, files, resource, report)
    if (collected && errors.length === 0) docs.push(renderObject(objectModel(g, collected, options.configFile)))
  }
  if (errors.length > 0) throw new CmhashError(errors)
  return docs.join('---\n')
}

/**
 * The objects the generators make (kind, name as written, namespace, the
 * generator's field and where it is written), without reading any file:
 * what {@link attributeToGenerators} needs to point the build's problems
 * about them at the configuration.
 */
export function generatedObjects(spec: GeneratorSpec, options: Pick<GenerateOptions, 'locate'> = {}): GeneratedObject[] {
  return safeList(spec).map(g => {
    const location = options.locate?.([g.field, g.index, 'name'])
    return {
      kind: g.kind, name: g.spec.name,
      ...(g.spec.namespace !== undefined ? { namespace: g.spec.namespace } : {}),
      generator: `${g.field}[${g.index}]`,
      ...(location ? { location } : {}),
      hashed: g.hashed,
    }
  })
}

// --- internal ---

/** The object a generator makes from its collected data, marked for the build. */
function objectModel(g: GeneratorEntry, collected: Collected, configFile: string | undefined): ObjectModel {
  const secret = g.kind === 'Secret'
  const text: Array<readonly [string, string]> = []
  const binary: Array<readonly [string, string]> = []
  for (const [k, v] of collected.entries) {
    if (typeof v === 'string') text.push([k, v])
    else binary.push([k, wrapBase64(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'))])
  }
  return {
    kind: g.kind,
    name: g.spec.name,
    ...(g.spec.namespace !== undefined ? { namespace: g.spec.namespace } : {}),
    comment: `generated by cmhash from ${g.field}[${g.index}]${configFile ? ` in ${configFile}` : ''}`,
    labels: sorted(Object.entries(g.labels)),
    annotations: sorted([...Object.entries(g.annotations), [HASH_ANNOTATION, g.hashed ? 'true' : 'false']]),
    immutable: g.immutable,
    ...(secret ? { type: (g.spec as { type?: string }).type ?? 'Opaque' } : {}),
    // A Secret's values are all bytes; a ConfigMap's are text unless not UTF-8.
    data: secret ? binary : text,
    binaryData: secret ? [] : binary,
  }
}

function sorted(entries: ReadonlyArray<readonly [string, string]>): Array<readonly [string, string]> {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

function formatPath(path: ConfigPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${s}`)).join('')
}

/** The generators whose shape lets them be listed (for the functions that report nothing). */
/** The arguments' shapes, for callers without TypeScript: refused with CmhashError, not a TypeError later. */
function checkArguments(spec: unknown, files: unknown): void {
  const errors: ErrorDetail[] = []
  if (!isRecord(spec)) errors.push({ code: 'INVALID_GENERATOR', message: 'the generators must be an object: { configMapGenerator, secretGenerator, generatorOptions }' })
  if (!isRecord(files)) errors.push({ code: 'INVALID_OPTION', message: 'the files must be an object of paths (as generatorFiles gives them) to contents' })
  if (errors.length > 0) throw new CmhashError(errors)
}

function safeList(spec: GeneratorSpec): GeneratorEntry[] {
  return listGenerators({
    ...(Array.isArray(spec.configMapGenerator) ? { configMapGenerator: spec.configMapGenerator.filter(isGenerator) } : {}),
    ...(Array.isArray(spec.secretGenerator) ? { secretGenerator: spec.secretGenerator.filter(isGenerator) } : {}),
    ...(isRecord(spec.generatorOptions) ? { generatorOptions: spec.generatorOptions } : {}),
  })
}

/**
 * The generators, after checking what the configuration's schema checks for
 * callers that did not validate against it (library users), and what it
 * cannot say clearly (behavior, cmhash's own annotations).
 */
function checkedList(spec: GeneratorSpec, report: Report): GeneratorEntry[] {
  const bad = (path: ConfigPath, message: string) => report('INVALID_GENERATOR', message, path)
  for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
    const list: unknown = spec[field]
    if (list === undefined) continue
    if (!Array.isArray(list)) {
      bad([field], `${field} must be a list of generators`)
      continue
    }
    for (const [i, g] of list.entries()) {
      if (!isGenerator(g)) {
        bad([field, i], `${field}[${i}] needs a name`)
        continue
      }
      for (const key of ['files', 'envs', 'literals'] as const) {
        const v: unknown = g[key]
        if (v !== undefined && !(Array.isArray(v) && v.every(s => typeof s === 'string'))) bad([field, i, key], `${field}[${i}].${key} must be a list of strings`)
      }
      for (const key of ['namespace', 'env', 'type'] as const) {
        const v: unknown = (g as unknown as Record<string, unknown>)[key]
        if (v !== undefined && (typeof v !== 'string' || v === '')) bad([field, i, key], `${field}[${i}].${key} must be a non-empty string`)
      }
      const behavior: unknown = (g as { behavior?: unknown }).behavior
      if (behavior !== undefined && behavior !== 'create') {
        bad([field, i, 'behavior'], `${field}[${i}]: behavior ${JSON.stringify(behavior)} is refused: kustomize's merge and replace change an object that a kustomize base made, and cmhash has no bases; remove it`)
      }
      checkOptions(g.options, [field, i, 'options'], bad)
    }
  }
  checkOptions(spec.generatorOptions, ['generatorOptions'], bad)
  return safeList(spec)
}

function checkOptions(options: unknown, path: ConfigPath, bad: (path: ConfigPath, message: string) => void): void {
  if (options === undefined) return
  const shown = formatPath(path)
  if (!isRecord(options)) return bad(path, `${shown} must be a map`)
  for (const key of ['labels', 'annotations'] as const) {
    const m = options[key]
    if (m === undefined) continue
    if (!isRecord(m) || !Object.values(m).every(v => typeof v === 'string')) {
      bad([...path, key], `${shown}.${key} must be a map of strings`)
      continue
    }
    for (const k of Object.keys(m)) {
      if (k.startsWith('cmhash.dev/')) bad([...path, key, k], `${shown}.${key}: ${k} is cmhash's own; use disableNameSuffixHash to keep a name`)
    }
  }
  for (const key of ['disableNameSuffixHash', 'immutable'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') bad([...path, key], `${shown}.${key} must be true or false`)
  }
}

function isGenerator(g: unknown): g is GeneratorEntry['spec'] {
  return isRecord(g) && typeof g.name === 'string' && g.name !== ''
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
