// A build is three small steps: scan (parse and extract facts), plan
// (resolve references, select, compute edits), emit (apply edits).
import { CmhashError, type CmhashWarning } from './errors.js'
import { emitFiles, emitStream, type OutputFile } from './emit.js'
import { planBuild, type PlanOptions, type Rename, type SelectMode } from './plan.js'
import { PRESETS } from './refs/presets.js'
import { REFERENCE_SPECS, type PinnedName, type ReferenceSpec } from './refs/table.js'
import { compileTable } from './refs/walk.js'
import { scanFile, type ScanOptions } from './scan.js'
import { Reporter } from './_report.js'

/** One input file: its path (used in messages and to mirror the output) and its text. */
export interface BuildInput {
  readonly path: string
  readonly content: string
}

export interface BuildOptions {
  /**
   * The namespace of objects that set none, as `kubectl apply -n` would use.
   * Default `default`. Only used to match references; nothing is written.
   */
  readonly namespace?: string
  /** Which ConfigMaps/Secrets to hash; default `referenced`. */
  readonly select?: SelectMode
  /** Presets to turn off (`{ 'argo-cd': false }`); every preset is on unless set to false. */
  readonly presets?: Readonly<Record<string, boolean>>
  /** Reference locations to add to the built-in {@link REFERENCE_SPECS} and the presets'. */
  readonly references?: readonly ReferenceSpec[]
  /** Names to pin, in addition to the presets'. */
  readonly pinned?: readonly PinnedName[]
  /**
   * Annotations to set on every hashed object, e.g. the ones that stop a
   * GitOps tool from pruning old versions ({@link GITOPS_ANNOTATIONS}).
   * Comma-separated option lists are merged with what is already there.
   */
  readonly annotations?: Readonly<Record<string, string>>
  /** Most YAML alias dereferences followed per document (alias-bomb guard). Default 100,000. */
  readonly aliasBudget?: number
}

export interface BuildResult {
  /** Every non-empty document of every input, in order, as one YAML stream. */
  readonly output: string
  /** Each input file with the edits applied, for writing a mirrored tree (computed when first read). */
  readonly files: readonly OutputFile[]
  /** The ConfigMaps and Secrets that were hashed, in input order. */
  readonly renames: readonly Rename[]
  readonly warnings: readonly CmhashWarning[]
}

/**
 * Hashes every selected ConfigMap and Secret, renames it `name-<hash>` (the
 * suffix `kubectl kustomize` would give the same content), marks it
 * immutable, records its original name, and rewrites every reference to it.
 * Everything else comes out byte for byte as it went in.
 *
 * A string input is read as one file named `<input>`. Pure: no file system,
 * no environment. Throws {@link CmhashError} listing every problem when any
 * input is invalid; returns warnings otherwise.
 */
export function build(input: string | readonly BuildInput[], options: BuildOptions = {}): BuildResult {
  const inputs = distinctPaths(typeof input === 'string' ? [{ path: '<input>', content: input }] : input)
  const report = new Reporter()
  const { scanOptions, planOptions } = resolveOptions(options)
  const files = inputs.map(f => scanFile(f.path, f.content, scanOptions, report))
  if (report.errors.length === 0 && files.every(f => f.docs.every(d => d.objects.length === 0))) {
    report.warn('EMPTY_INPUT', { message: 'the input holds no Kubernetes objects' })
  }
  const plan = report.errors.length === 0 ? planBuild(files, planOptions, report) : undefined
  if (!plan || report.errors.length > 0) throw new CmhashError(report.errors)
  let mirrored: readonly OutputFile[] | undefined
  return {
    output: emitStream(files, plan.edits),
    // Computed on first use: most callers want one of the two forms, and
    // each is as large as the input.
    get files() {
      mirrored ??= emitFiles(files, plan.edits)
      return mirrored
    },
    renames: plan.renames,
    warnings: report.warnings,
  }
}

// --- internal ---

/** Inputs are told apart by path; a path given twice is numbered, `a.yaml (2)`. */
export function distinctPaths(inputs: readonly BuildInput[]): readonly BuildInput[] {
  const seen = new Map<string, number>()
  let renamed = false
  const out = inputs.map(i => {
    const n = (seen.get(i.path) ?? 0) + 1
    seen.set(i.path, n)
    if (n === 1) return i
    renamed = true
    return { path: `${i.path} (${n})`, content: i.content }
  })
  return renamed ? out : inputs
}

/** The scan and plan settings that build options stand for: built-in table, enabled presets, extras. */
export function resolveOptions(options: BuildOptions): { scanOptions: ScanOptions; planOptions: PlanOptions } {
  const presets = PRESETS.filter(p => options.presets?.[p.name] !== false)
  return {
    scanOptions: {
      defaultNamespace: options.namespace ?? 'default',
      table: compileTable([...REFERENCE_SPECS, ...presets.flatMap(p => p.references), ...(options.references ?? [])]),
      aliasBudget: options.aliasBudget ?? 100_000,
    },
    planOptions: {
      select: options.select ?? 'referenced',
      pinned: [...presets.flatMap(p => p.pinned), ...(options.pinned ?? [])],
      annotations: options.annotations ?? {},
    },
  }
}
