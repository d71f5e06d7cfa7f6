// The configuration file (cmhash.config.yaml / .json): parsed with positions,
// validated with ajv against the JSON Schema in schema/ (the single source
// of truth, from which config-types.ts is generated), and turned into build
// options. A separate entry point (`@cmhash/core/config`), so builds without
// a config never load ajv.
import { Ajv, type ErrorObject } from 'ajv'
import { isMap, isPair, isScalar, parseDocument, type Document, type Node } from 'yaml'
import { GITOPS_ANNOTATIONS } from '../constants.js'
import { CmhashError, type ErrorDetail } from '../errors.js'
import { readResourceList } from '../lists.js'
import { lineColOf } from '../text/offsets.js'
import { record } from '../text/records.js'
import type { GeneratorSpec } from '../generate/types.js'
import type { BuildOptions, ReferenceSpec } from '../types.js'
import { CONFIG_SCHEMA } from './schema.js'
import type { CmhashConfig, Reference } from './types.js'

export type { CmhashConfig, ConfigMapGenerator, External, GeneratorOptions, Pinned, Reference, SecretGenerator, WarningLevel } from './types.js'
export { attributeToGenerators, configLocator, generatedObjects } from '../generate/index.js'

/** The JSON Schema of the configuration file, for editors and `cmhash config schema`. */
export const configSchema: Readonly<Record<string, unknown>> = CONFIG_SCHEMA

/** Build options from a configuration, plus the directory-reading options the CLI uses. */
export interface ConfigOptions extends BuildOptions {
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
  /** The configuration's generators, for its reader to pass to `generate` with the files they name. */
  readonly generators?: GeneratorSpec
}

/**
 * Parses and validates a configuration file's text (YAML or JSON). Throws
 * {@link CmhashError} with code `INVALID_CONFIG` (or `YAML_SYNTAX`) listing
 * every problem, each with the file, line and column of the offending field.
 * An empty file is an empty configuration.
 */
export function parseConfig(text: string, path: string): CmhashConfig {
  const doc = readDocument(text, path)
  return validateConfig(toJS(doc, text, path) ?? {}, segments => doc.getIn(segments, true) as Node | undefined, text, path)
}

/**
 * The configuration in a KRM function's input (a `config.kubernetes.io/v1`
 * `ResourceList`), if it has a `functionConfig`: either a `ConfigMap` whose
 * `data` holds `namespace`, `select`, `gitops`, `include`/`exclude`
 * (comma-separated) and `presets` (`argo-cd=false,flux=false`), as `kpt fn
 * eval ... -- key=value` writes it; or an object of kind `CmhashConfig`
 * whose fields are those of the configuration file. Validated like a file;
 * undefined when there is no ResourceList or no functionConfig.
 */
export function readFunctionConfig(text: string, path: string): CmhashConfig | undefined {
  const doc = readResourceList(text)
  if (!doc) return undefined
  const root = toJS(doc, text, path) as Record<string, unknown> | null
  const fc = root?.functionConfig as Record<string, unknown> | undefined
  if (!fc || typeof fc !== 'object') return undefined
  let config: Record<string, unknown>
  // Errors point at the field in the ResourceList: for a ConfigMap, the data
  // key that carries the setting.
  let locate: (segments: readonly (string | number)[]) => Node | undefined
  if (fc.kind === 'ConfigMap') {
    const data = (fc.data ?? {}) as Record<string, unknown>
    config = record<unknown>()
    const list = (v: unknown) => String(v).split(',').map(s => s.trim()).filter(Boolean)
    for (const [k, v] of Object.entries(data)) {
      if (k === 'include' || k === 'exclude') config[k] = list(v)
      else if (k === 'presets') config.presets = Object.fromEntries(list(v).map(p => [p.split('=')[0]!.trim(), p.split('=')[1]?.trim() !== 'false']))
      else config[k] = v
    }
    locate = segments => (doc.getIn(['functionConfig', 'data', ...segments.slice(0, 1)], true) ?? doc.getIn(['functionConfig'], true)) as Node | undefined
  } else {
    const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = fc
    config = rest
    locate = segments => doc.getIn(['functionConfig', ...segments], true) as Node | undefined
  }
  return validateConfig(config, locate, text, path)
}

/** The build options a configuration stands for (reference entries become {@link ReferenceSpec}s). */
export function configToOptions(config: CmhashConfig): ConfigOptions {
  return {
    ...(config.namespace !== undefined ? { namespace: config.namespace } : {}),
    ...(config.select !== undefined ? { select: config.select } : {}),
    ...(config.gitops !== undefined ? { annotations: GITOPS_ANNOTATIONS[config.gitops] } : {}),
    ...(config.presets !== undefined ? { presets: config.presets } : {}),
    ...(config.include !== undefined ? { include: config.include } : {}),
    ...(config.exclude !== undefined ? { exclude: config.exclude } : {}),
    ...(config.references !== undefined ? { references: config.references.map(toSpec) } : {}),
    ...(config.configMapGenerator !== undefined || config.secretGenerator !== undefined ? {
      generators: {
        ...(config.configMapGenerator !== undefined ? { configMapGenerator: config.configMapGenerator } : {}),
        ...(config.secretGenerator !== undefined ? { secretGenerator: config.secretGenerator } : {}),
        ...(config.generatorOptions !== undefined ? { generatorOptions: config.generatorOptions } : {}),
      },
    } : {}),
    ...(config.pinned !== undefined ? {
      pinned: config.pinned.map(p => ({
        kind: p.kind, name: p.name, ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
        reason: p.reason ?? 'the configuration pins it',
      })),
    } : {}),
    ...(config.external !== undefined ? {
      external: config.external.map(e => ({
        kind: e.kind, name: e.name, ...(e.namespace !== undefined ? { namespace: e.namespace } : {}),
        reason: e.reason ?? 'the configuration lists it as made outside the manifests',
      })),
    } : {}),
    ...(config.warnings !== undefined ? { warnings: config.warnings } : {}),
  }
}

// --- internal ---

function readDocument(text: string, path: string): Document {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'silent' })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    throw new CmhashError([{
      code: 'YAML_SYNTAX', message: `malformed YAML (${e.code})`, location: { file: path, offset: e.pos[0], ...lineColOf(text, e.pos[0]) },
    }])
  }
  return doc
}

/** The document as plain data, with aliases expanded within a bound. */
function toJS(doc: Document, text: string, path: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 })
  } catch {
    throw new CmhashError([{ code: 'ALIAS_LIMIT', message: 'YAML aliases expand too far', location: { file: path, offset: 0, ...lineColOf(text, 0) } }])
  }
}

/** Validates a configuration value; `locate` finds the node of a field, for positions. */
function validateConfig(value: unknown, locate: (segments: readonly (string | number)[]) => Node | undefined, text: string, path: string): CmhashConfig {
  const validate = validator()
  if (validate(value)) return value as CmhashConfig
  const errors = (validate.errors ?? []).filter(notNoise).map(e => describe(e, locate, text, path))
  throw new CmhashError(errors.length > 0 ? errors : [{ code: 'INVALID_CONFIG', message: 'invalid configuration' }])
}

let compiled: ReturnType<Ajv['compile']> | undefined
function validator(): ReturnType<Ajv['compile']> {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(CONFIG_SCHEMA)
  return compiled
}

function toSpec(r: Reference): ReferenceSpec {
  return {
    on: {
      kind: r.kind,
      ...(r.group !== undefined ? { groups: [r.group] } : {}),
      ...(r.version !== undefined ? { versions: [r.version] } : {}),
    },
    path: r.path,
    target: r.refKindKey !== undefined ? { key: r.refKindKey, default: r.refKind } : r.refKind,
    use: r.use ?? 'rewrite',
    ...(r.format === 'namespaced-name' ? { format: 'namespaced-name' as const } : {}),
    ...(r.namespaceKey !== undefined ? { namespaceKey: r.namespaceKey } : {}),
    ...(r.anyNamespace !== undefined ? { anyNamespace: r.anyNamespace } : {}),
    reason: r.reason ?? 'the configuration says so',
  }
}

/** ajv reports an `if`/`anyOf` failure beside its causes; the causes say more. */
function notNoise(e: ErrorObject): boolean {
  return e.keyword !== 'if' && e.keyword !== 'anyOf'
}

function describe(e: ErrorObject, locate: (segments: readonly (string | number)[]) => Node | undefined, text: string, file: string): ErrorDetail {
  const segments = e.instancePath.split('/').slice(1).map(s => s.replaceAll('~1', '/').replaceAll('~0', '~'))
  let field = formatField(segments)
  let node = locate(segments.map(s => (/^\d+$/.test(s) ? Number(s) : s)))
  let message: string
  const params = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty)
      node = keyNode(node, key) ?? node
      field = formatField([...segments, key])
      message = `${field} is not a known field`
      break
    }
    case 'required':
      message = `${field || 'the configuration'} needs ${String(params.missingProperty)}`
      break
    case 'enum':
      message = `${field} must be one of ${(params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}`
      break
    case 'not':
      // The one `not` in the schema: a glob of include or exclude that leaves the input directory.
      message = `${field} leaves the input directory (a .. segment or an absolute path); globs are relative to each input directory`
      break
    default:
      message = `${field || 'the configuration'} ${e.message ?? 'is invalid'}`
  }
  const offset = node?.range?.[0] ?? 0
  return {
    code: 'INVALID_CONFIG', message, path: field,
    location: { file, offset, ...lineColOf(text, offset) },
  }
}

/** The key node of `key` in a map node, so an unknown field is reported where it is written. */
function keyNode(map: Node | undefined, key: string): Node | undefined {
  if (!isMap(map)) return undefined
  const pair = map.items.find(p => isPair(p) && isScalar(p.key) && String(p.key.value) === key)
  return pair?.key as Node | undefined
}

function formatField(segments: readonly string[]): string {
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : `${i === 0 ? '' : '.'}${s}`)).join('')
}
