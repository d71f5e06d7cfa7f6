// What build, prune and diff are given, checked before anything is read: a
// caller's mistake (a misspelt mode, a preset that does not exist, a
// number where text belongs) is refused with a code and the field's name,
// rather than ignored or failing later as a TypeError deep inside.
import { CmhashError, WARNING_CODES, type ErrorCode, type ErrorDetail } from './errors.js'
import { PRESETS } from './refs/presets/index.js'
import { closest } from './text/closest.js'
import type { BuildInput, BuildOptions, PruneOptions, SelectMode } from './types.js'

// --- internal ---

const SELECT_MODES: readonly SelectMode[] = ['referenced', 'all', 'annotated']
const TARGET_KINDS = ['ConfigMap', 'Secret']
const USES = ['rewrite', 'pin', 'creates']
const LEVELS = ['error', 'warn', 'ignore']
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/**
 * Throws {@link CmhashError} (`INVALID_INPUT`, `INVALID_OPTION`) listing every
 * problem with the inputs and options of a build; `field` names where each is
 * (`options.select`, `input[2].content`). Unknown option keys are not
 * refused: objects that carry more than build options (the CLI's) are
 * passed on purpose, and TypeScript catches a misspelt key.
 */
export function checkBuildArguments(inputs: Readonly<Record<string, unknown>>, options: unknown, extra?: (o: Record<string, unknown>, problems: Problems) => void): void {
  const problems = new Problems()
  for (const [name, input] of Object.entries(inputs)) checkInput(input, name, problems)
  if (problems.list.length === 0) checkSamePaths(inputs, problems)
  if (options !== undefined) {
    if (!isRecord(options)) problems.add('INVALID_OPTION', 'options', `options must be an object, not ${describe(options)}`)
    else {
      checkBuildOptions(options, 'options', problems)
      extra?.(options, problems)
    }
  }
  problems.throwIfAny()
}

/** What prune adds to build's options. */
export function checkPruneOptions(o: Record<string, unknown>, problems: Problems): void {
  const { keep, allNamespaces } = o as { [K in keyof PruneOptions]?: unknown }
  if (keep !== undefined && !(Number.isSafeInteger(keep) && (keep as number) >= 0)) {
    problems.add('INVALID_OPTION', 'options.keep', `keep must be a whole number, 0 or more, not ${describe(keep)}`)
  }
  if (allNamespaces !== undefined && typeof allNamespaces !== 'boolean') {
    problems.add('INVALID_OPTION', 'options.allNamespaces', `allNamespaces must be true or false, not ${describe(allNamespaces)}`)
  }
}

/** What diff adds to build's options: BASE's own options. */
export function checkDiffOptions(o: Record<string, unknown>, problems: Problems): void {
  const base = o.baseOptions
  if (base === undefined) return
  if (!isRecord(base)) problems.add('INVALID_OPTION', 'options.baseOptions', `baseOptions must be an object, not ${describe(base)}`)
  else checkBuildOptions(base, 'options.baseOptions', problems)
}

/** Collects problems, each with its field, and throws them together. */
export class Problems {
  readonly list: ErrorDetail[] = []

  add(code: ErrorCode, path: string, message: string): void {
    this.list.push({ code, path, message })
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new CmhashError(this.list)
  }
}

function checkInput(input: unknown, name: string, problems: Problems): void {
  if (typeof input === 'string') return
  if (!Array.isArray(input)) {
    problems.add('INVALID_INPUT', name, `${name} must be a string (one file's text) or a list of { path, content }, not ${describe(input)}`)
    return
  }
  for (const [i, file] of (input as unknown[]).entries()) {
    const at = `${name}[${i}]`
    if (!isRecord(file)) problems.add('INVALID_INPUT', at, `${at} must be { path, content }, not ${describe(file)}`)
    else {
      if (typeof file.path !== 'string' || file.path === '') problems.add('INVALID_INPUT', `${at}.path`, `${at}.path must be a non-empty string, not ${describe(file.path)}`)
      if (typeof file.content !== 'string') problems.add('INVALID_INPUT', `${at}.content`, `${at}.content must be a string (the file's text), not ${describe(file.content)}`)
    }
  }
}

/**
 * Every input needs its own path: messages point at it and `files` is
 * keyed by it, so the same path twice is most likely the same file read
 * twice. (Across `live` and `desired` of prune, the same path is fine.)
 */
function checkSamePaths(inputs: Readonly<Record<string, unknown>>, problems: Problems): void {
  for (const [name, input] of Object.entries(inputs)) {
    // Live state is read as a whole: the same export given twice collapses
    // into one (prune/read-live.ts), whatever the paths say.
    if (!Array.isArray(input) || name === 'live') continue
    const first = new Map<string, number>()
    for (const [i, file] of (input as readonly BuildInput[]).entries()) {
      const seen = first.get(file.path)
      if (seen === undefined) first.set(file.path, i)
      else problems.add('INVALID_INPUT', `${name}[${i}].path`, `the path ${JSON.stringify(file.path)} is given twice (${name}[${seen}] and ${name}[${i}]); every input needs a path of its own`)
    }
  }
}

function checkBuildOptions(o: Record<string, unknown>, at: string, problems: Problems): void {
  const { namespace, select, presets, references, pinned, external, warnings, annotations, aliasBudget } = o as { [K in keyof BuildOptions]?: unknown }
  if (namespace !== undefined && !(typeof namespace === 'string' && namespace.length <= 63 && DNS1123_LABEL.test(namespace))) {
    problems.add('INVALID_OPTION', `${at}.namespace`, `namespace must be a namespace name (lower-case letters, digits and -, at most 63), not ${describe(namespace)}`)
  }
  if (select !== undefined && !SELECT_MODES.includes(select as SelectMode)) {
    problems.add('INVALID_OPTION', `${at}.select`, `select must be one of ${SELECT_MODES.join(', ')}, not ${describe(select)}${suggestion(select, SELECT_MODES)}`)
  }
  if (presets !== undefined) checkPresets(presets, `${at}.presets`, problems)
  if (references !== undefined) checkList(references, `${at}.references`, problems, checkReference)
  if (pinned !== undefined) checkList(pinned, `${at}.pinned`, problems, checkPinned)
  if (external !== undefined) checkList(external, `${at}.external`, problems, checkExternal)
  if (warnings !== undefined) checkWarnings(warnings, `${at}.warnings`, problems)
  if (annotations !== undefined) {
    if (!isRecord(annotations)) problems.add('INVALID_OPTION', `${at}.annotations`, `annotations must be an object of names to values, not ${describe(annotations)}`)
    else {
      for (const [key, value] of Object.entries(annotations)) {
        if (typeof value !== 'string') problems.add('INVALID_OPTION', `${at}.annotations[${JSON.stringify(key)}]`, `an annotation's value must be a string, not ${describe(value)}`)
      }
    }
  }
  if (aliasBudget !== undefined && !(Number.isSafeInteger(aliasBudget) && (aliasBudget as number) >= 0)) {
    problems.add('INVALID_OPTION', `${at}.aliasBudget`, `aliasBudget must be a whole number, 0 or more, not ${describe(aliasBudget)}`)
  }
}

function checkPresets(presets: unknown, at: string, problems: Problems): void {
  if (!isRecord(presets)) {
    problems.add('INVALID_OPTION', at, `presets must be an object of preset names to true or false, not ${describe(presets)}`)
    return
  }
  const names = PRESETS.map(p => p.name)
  for (const [name, on] of Object.entries(presets)) {
    if (!names.includes(name)) {
      problems.add('INVALID_OPTION', `${at}[${JSON.stringify(name)}]`, `there is no preset ${JSON.stringify(name)}${suggestion(name, names)}; the presets are ${names.join(', ')}`)
    } else if (typeof on !== 'boolean') {
      problems.add('INVALID_OPTION', `${at}[${JSON.stringify(name)}]`, `a preset is turned on or off with true or false, not ${describe(on)}`)
    }
  }
}

function checkList(list: unknown, at: string, problems: Problems, check: (item: Record<string, unknown>, at: string) => string | undefined): void {
  if (!Array.isArray(list)) {
    problems.add('INVALID_OPTION', at, `${at.slice(at.lastIndexOf('.') + 1)} must be a list, not ${describe(list)}`)
    return
  }
  for (const [i, item] of (list as unknown[]).entries()) {
    const why = isRecord(item) ? check(item, `${at}[${i}]`) : `must be an object, not ${describe(item)}`
    if (why !== undefined) problems.add('INVALID_OPTION', `${at}[${i}]`, `${at}[${i}] ${why}`)
  }
}

/** The shape compileTable and the walker rely on; the config file's schema checks the rest. */
function checkReference(r: Record<string, unknown>): string | undefined {
  const on = r.on
  if (on !== 'PodSpec' && !(isRecord(on) && typeof on.kind === 'string' && on.kind !== '')) return 'needs on: "PodSpec" or { kind }'
  if (typeof r.path !== 'string' || r.path === '') return 'needs path: keys separated by /'
  const target = r.target
  if (!(TARGET_KINDS.includes(target as string) || (isRecord(target) && typeof target.key === 'string'))) return 'needs target: ConfigMap, Secret or { key }'
  if (!USES.includes(r.use as string)) return `needs use: one of ${USES.join(', ')}${suggestion(r.use, USES)}`
  return undefined
}

/** A pinned or external entry: which object, and a reason that is shown (`where`). */
function checkNamed(where: string): (e: Record<string, unknown>) => string | undefined {
  return e => {
    if (!TARGET_KINDS.includes(e.kind as string)) return `needs kind: ConfigMap or Secret, not ${describe(e.kind)}`
    if (typeof e.name !== 'string' || e.name === '') return 'needs a name'
    if (e.namespace !== undefined && typeof e.namespace !== 'string') return `namespace must be a string, not ${describe(e.namespace)}`
    if (typeof e.reason !== 'string') return `needs a reason (a string), shown ${where}`
    return undefined
  }
}

const checkPinned = checkNamed('in the PINNED warning')
const checkExternal = checkNamed('where a reference names it')

function checkWarnings(warnings: unknown, at: string, problems: Problems): void {
  if (!isRecord(warnings)) {
    problems.add('INVALID_OPTION', at, `warnings must be an object of warning codes to error, warn or ignore, not ${describe(warnings)}`)
    return
  }
  for (const [code, level] of Object.entries(warnings)) {
    if (!(WARNING_CODES as readonly string[]).includes(code)) {
      problems.add('INVALID_OPTION', `${at}[${JSON.stringify(code)}]`, `there is no warning ${JSON.stringify(code)}${suggestion(code, WARNING_CODES)}`)
    } else if (!LEVELS.includes(level as string)) {
      problems.add('INVALID_OPTION', `${at}[${JSON.stringify(code)}]`, `a warning's level is one of ${LEVELS.join(', ')}, not ${describe(level)}${suggestion(level, LEVELS)}`)
    }
  }
}

function suggestion(value: unknown, among: readonly string[]): string {
  const near = typeof value === 'string' ? closest(value, among) : undefined
  return near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A value as a message may show it: options never hold Secret values, but keep it short. */
function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'function') return 'a function'
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : `${typeof v}`
}
