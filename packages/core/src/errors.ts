import { escapeControl } from './text/escape.js'

/** Why a build failed. Every code names one rule of the input that was broken. */
export type ErrorCode =
  /** The text is not valid YAML (or JSON). */
  | 'YAML_SYNTAX'
  /** Two objects share group, kind, namespace and name. */
  | 'DUPLICATE_RESOURCE'
  /** An object's shape is wrong where cmhash must read it (e.g. `data` is not a map). */
  | 'INVALID_RESOURCE'
  /** A `data`/`binaryData`/`stringData` value is not a string as Kubernetes reads YAML. */
  | 'DATA_NOT_STRING'
  /** Secret `data` or ConfigMap `binaryData` that is not valid base64. */
  | 'INVALID_BASE64'
  /** A data key Kubernetes would reject (`[-._a-zA-Z0-9]+`, at most 253, not `.`/`..`). */
  | 'INVALID_DATA_KEY'
  /** The same key in a ConfigMap's `data` and `binaryData`, or twice among a generator's sources. */
  | 'DUPLICATE_DATA_KEY'
  /** The hashed name would be longer than the 253 characters Kubernetes allows. */
  | 'NAME_TOO_LONG'
  /** `cmhash.dev/hash` is set to something other than "true" or "false". */
  | 'INVALID_ANNOTATION'
  /** YAML aliases expand past the bound that protects against alias bombs. */
  | 'ALIAS_LIMIT'
  /** The configuration file does not match its JSON Schema. */
  | 'INVALID_CONFIG'
  /** A generator entry cmhash cannot make an object from (a literal without `=`, `behavior: merge`, a bad env file). */
  | 'INVALID_GENERATOR'
  /** A file a generator names is missing, a directory, unreadable, or outside the configuration's directory. */
  | 'GENERATOR_FILE'
  /** A generated ConfigMap/Secret would hold more than the 1 MiB of data Kubernetes accepts. */
  | 'OBJECT_TOO_LARGE'
  /** `prune` was given live state with no objects in it, or a live file that holds nothing (a failed export): refusing to decide anything. */
  | 'EMPTY_LIVE_STATE'
  /** `prune` was given live state it cannot trust: a document that is not a `List` as `kubectl get` writes it (a truncated export?), an item without kind or name. */
  | 'INVALID_LIVE_STATE'
  /** An option of `build`, `prune` or `diff` has a value they do not take (an unknown mode or preset, a bad namespace); `path` names it. */
  | 'INVALID_OPTION'
  /** The inputs are not a string or a list of `{ path, content }` strings, or a path is given twice; `path` names where. */
  | 'INVALID_INPUT'
  /**
   * A reference names a data key (`configMapKeyRef.key`, `secretKeyRef.key`,
   * a volume's `items[].key`) that the ConfigMap/Secret in the input does not
   * have, and is not `optional`: the Pod would fail to start
   * (`CreateContainerConfigError`).
   */
  | 'MISSING_KEY'
  /** `prune` found the same live object twice (by kind, namespace and name, or uid) with different content: exports taken at different times? */
  | 'CONFLICTING_LIVE_OBJECT'
  /** A live object's `metadata.creationTimestamp` is missing or not RFC 3339 as Kubernetes writes it (`2006-01-02T15:04:05Z`). */
  | 'INVALID_TIMESTAMP'

/** Something the build did that the user should know about; it does not fail the build. */
export type WarningCode =
  /** A reference names a ConfigMap/Secret that is not in the input; left as written. */
  | 'MISSING_REFERENCE'
  /** A referenced ConfigMap/Secret keeps its name because something reads it by name. */
  | 'PINNED'
  /** A reference could mean objects in several namespaces; left as written. */
  | 'AMBIGUOUS_REFERENCE'
  /** A document is not a Kubernetes object (no apiVersion/kind); passed through unchanged. */
  | 'NOT_A_RESOURCE'
  /** A hashed object had `immutable: false`; it is set to true. */
  | 'IMMUTABLE_OVERRIDDEN'
  /** The input holds no Kubernetes object at all (empty stdin, only comments). */
  | 'EMPTY_INPUT'
  /** An annotation asked for (--gitops) replaced a different value the object had. */
  | 'ANNOTATION_OVERRIDDEN'
  /**
   * A renamed object's old name is still written, in the same namespace,
   * under a key that names a ConfigMap or Secret at a location no reference
   * table covers: probably a reference cmhash does not know (a custom
   * resource); the message gives the configuration entry that would rewrite
   * or pin it.
   */
  | 'POSSIBLE_REFERENCE'
  /**
   * A rewritten reference is in a field that cannot change on a live object
   * (a Job's pod template, a bare Pod's spec, a forced StorageClass
   * parameter): `kubectl apply` fails unless the object is deleted first.
   */
  | 'RECREATE_REQUIRED'
  /**
   * `select: all` renamed a ConfigMap/Secret that nothing in the input
   * references: whatever reads it by name (a program, an object outside the
   * input) no longer finds it.
   */
  | 'UNREFERENCED'
  /** `prune`: the live state is not known to hold every object of a kind that can reference ConfigMaps/Secrets; what that kind could reference is kept. */
  | 'INCOMPLETE_LIVE_STATE'

/** Every warning code, in the order of {@link WarningCode}; for validating configuration and flags. */
export const WARNING_CODES: readonly WarningCode[] = [
  'MISSING_REFERENCE', 'PINNED', 'AMBIGUOUS_REFERENCE', 'NOT_A_RESOURCE', 'IMMUTABLE_OVERRIDDEN', 'EMPTY_INPUT',
  'ANNOTATION_OVERRIDDEN', 'POSSIBLE_REFERENCE', 'RECREATE_REQUIRED', 'UNREFERENCED', 'INCOMPLETE_LIVE_STATE',
]

/**
 * What to do with a warning code: `warn` (the default) reports it; `error`
 * fails the build with it, as an error; `ignore` drops it.
 */
export type WarningLevel = 'error' | 'warn' | 'ignore'

/** The object a problem is about. */
export interface ResourceRef {
  readonly kind: string
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string
  readonly name: string
}

/** Where a problem is: 1-based line and column, and the offset in the file's text. */
export interface SourceLocation {
  readonly file: string
  readonly line: number
  readonly col: number
  readonly offset: number
}

/** What errors and warnings share. */
export interface Problem {
  readonly code: ErrorCode | WarningCode
  readonly message: string
  readonly location?: SourceLocation
  readonly resource?: ResourceRef
  /** The field, e.g. `data["app.properties"]` or `spec.template.spec.volumes[0].configMap.name`. */
  readonly path?: string
}

/** A warning: the build went on. */
export interface CmhashWarning extends Problem {
  readonly code: WarningCode
}

/**
 * The details of one error, as carried by {@link CmhashError}: an error
 * code, or a warning code the options set to `error` (BuildOptions.warnings).
 */
export interface ErrorDetail extends Problem {
  readonly code: ErrorCode | WarningCode
}

/**
 * The only error cmhash's core throws. `code`, `location`, `resource` and
 * `path` describe the first problem found; `errors` lists every problem found
 * (the first included), so a user can fix them all in one go. Messages never
 * contain Secret values.
 */
export class CmhashError extends Error {
  override readonly name = 'CmhashError'
  readonly code: ErrorCode | WarningCode
  readonly location?: SourceLocation
  readonly resource?: ResourceRef
  readonly path?: string
  readonly errors: readonly ErrorDetail[]

  constructor(errors: readonly ErrorDetail[], options?: { cause?: unknown }) {
    const first = errors[0]
    if (!first) throw new TypeError('CmhashError needs at least one error')
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''
    super(formatProblem(first) + more, options)
    this.code = first.code
    if (first.location) this.location = first.location
    if (first.resource) this.resource = first.resource
    if (first.path) this.path = first.path
    this.errors = errors
  }
}

/**
 * One line for a problem: `file:line:col: CODE: message`, the form editors and
 * CI log viewers link to. The location part is left out when there is none.
 * Control characters (a line break in a name, an escape sequence) are
 * escaped, so the result is always one printable line.
 */
export function formatProblem(p: Problem): string {
  const at = p.location ? `${p.location.file}:${p.location.line}:${p.location.col}: ` : ''
  return escapeControl(`${at}${p.code}: ${p.message}`)
}

/**
 * `Kind namespace/name`, or `Kind name` for cluster-scoped objects. Joined,
 * not a template literal: one flat string, since planning keeps some (the
 * referrers a message names) for every target.
 */
export function formatResource(r: ResourceRef): string {
  return (r.namespace ? [r.kind, ' ', r.namespace, '/', r.name] : [r.kind, ' ', r.name]).join('')
}
