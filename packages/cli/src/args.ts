import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { SelectMode } from '@cmhash/core'

/** What the command line asked for. Parsing is pure: argv in, command out. */
export type Command =
  | { readonly name: 'help'; readonly topic?: string }
  | { readonly name: 'version' }
  | { readonly name: 'config-schema' }
  | { readonly name: 'config-check'; readonly file?: string }
  | BuildCommand
  | PruneCommand

export interface PruneCommand extends Omit<BuildCommand, 'name' | 'outputDir' | 'gitops' | 'report' | 'summary' | 'format'> {
  readonly name: 'prune'
  /** File with the live state, or - for stdin. */
  readonly live: string
  readonly keep: number
  readonly allNamespaces: boolean
  readonly output: 'list' | 'names'
}

export interface BuildCommand {
  readonly name: 'build'
  readonly paths: readonly string[]
  readonly outputDir?: string
  readonly gitops?: 'argocd' | 'flux' | 'helm'
  readonly report?: string
  readonly summary: boolean
  readonly format: 'yaml' | 'json'
  readonly namespace?: string
  readonly select?: SelectMode
  readonly config?: string
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
  readonly strict: boolean
  readonly quiet: boolean
}

const SELECT_MODES: readonly SelectMode[] = ['referenced', 'all', 'annotated']

/** A command line cmhash cannot act on; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function parseCommand(argv: readonly string[]): Command {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '-h' || sub === '--help') return { name: 'help' }
  if (sub === 'help') {
    if (rest[0] === undefined) return { name: 'help' }
    if (rest[0] === 'build' || rest[0] === 'prune') return { name: 'help', topic: rest[0] }
    throw new UsageError(`no help on "${rest[0]}"; try: cmhash help build, cmhash help prune`)
  }
  if (sub === '-v' || sub === '--version' || sub === 'version') return { name: 'version' }
  if (sub === 'config') return parseConfigCommand(rest)
  if (sub === 'prune') return parsePrune(rest)
  if (sub !== 'build') throw new UsageError(`unknown command "${sub}"; try: cmhash build <path>... (see cmhash --help)`)
  const { values, positionals } = parse(rest, {
    ...SHARED_OPTIONS,
    'output-dir': { type: 'string', short: 'o' },
    gitops: { type: 'string' },
    report: { type: 'string' },
    summary: { type: 'boolean' },
    format: { type: 'string' },
  })
  if (values.help) return { name: 'help', topic: 'build' }
  if (positionals.length === 0) {
    throw new UsageError('cmhash build needs input: a directory, files, or - for stdin (see cmhash build --help)')
  }
  if (positionals.filter(p => p === '-').length > 1) throw new UsageError('- (stdin) can be given only once')
  if (values.gitops !== undefined && !['argocd', 'flux', 'helm'].includes(values.gitops)) throw new UsageError('--gitops must be argocd, flux or helm')
  const format = values.format ?? 'yaml'
  if (format !== 'yaml' && format !== 'json') throw new UsageError('--format must be yaml or json')
  if (format === 'json' && values['output-dir'] !== undefined) throw new UsageError('--format json writes one List to stdout; it does not go with --output-dir')
  return {
    name: 'build',
    paths: positionals,
    ...(values['output-dir'] !== undefined ? { outputDir: values['output-dir'] } : {}),
    ...(values.gitops !== undefined ? { gitops: values.gitops as 'argocd' | 'flux' | 'helm' } : {}),
    ...(values.report !== undefined ? { report: values.report } : {}),
    summary: values.summary ?? false,
    format,
    ...sharedValues(values),
  }
}

const SHARED_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  select: { type: 'string' },
  config: { type: 'string', short: 'c' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const

/** node:util parseArgs, strict, with its complaints turned into usage errors. */
function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: T }>({ args: [...args], allowPositionals: true, strict: true, options })
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }
}

function parsePrune(rest: readonly string[]): Command {
  const { values, positionals } = parse(rest, {
    ...SHARED_OPTIONS,
    live: { type: 'string', short: 'l' },
    keep: { type: 'string' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    output: { type: 'string' },
  })
  if (values.help) return { name: 'help', topic: 'prune' }
  if (values.live === undefined) throw new UsageError('cmhash prune needs --live FILE (or --live - for stdin): the output of kubectl get ... -o yaml')
  if (positionals.length === 0) throw new UsageError('cmhash prune needs the desired manifests: a directory, files, or - for stdin')
  if ([values.live, ...positionals].filter(p => p === '-').length > 1) throw new UsageError('- (stdin) can be given only once')
  if (values.keep !== undefined && !/^[0-9]+$/.test(values.keep)) throw new UsageError('--keep takes a whole number (0 or more)')
  const keep = values.keep === undefined ? 3 : Number(values.keep)
  const output = values.output ?? 'list'
  if (output !== 'list' && output !== 'names') throw new UsageError('--output must be list or names')
  return {
    name: 'prune', paths: positionals, live: values.live, keep, allNamespaces: values['all-namespaces'] ?? false, output,
    ...sharedValues(values),
  }
}

function sharedValues(values: { namespace?: string; select?: string; config?: string; include?: string[]; exclude?: string[]; strict?: boolean; quiet?: boolean }) {
  if (values.namespace !== undefined && (values.namespace.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.namespace))) {
    throw new UsageError(`--namespace ${JSON.stringify(values.namespace)} is not a valid namespace name`)
  }
  if (values.select !== undefined && !SELECT_MODES.includes(values.select as SelectMode)) {
    throw new UsageError(`--select must be one of ${SELECT_MODES.join(', ')}`)
  }
  return {
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    ...(values.select !== undefined ? { select: values.select as SelectMode } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.include !== undefined ? { include: values.include } : {}),
    ...(values.exclude !== undefined ? { exclude: values.exclude } : {}),
    strict: values.strict ?? false,
    quiet: values.quiet ?? false,
  }
}

function parseConfigCommand(rest: readonly string[]): Command {
  const [what, ...more] = rest
  if (what === 'schema' && more.length === 0) return { name: 'config-schema' }
  if (what === 'check' && more.length <= 1) return more[0] ? { name: 'config-check', file: more[0] } : { name: 'config-check' }
  throw new UsageError('usage: cmhash config schema | cmhash config check [FILE]')
}

export const MAIN_HELP = `cmhash: content-hashed, immutable ConfigMaps and Secrets, with every reference rewritten

Usage:
  cmhash build [options] <path>...    hash, rename and rewrite; print the manifests
  cmhash build [options] -            the same, reading manifests from stdin
  cmhash help build                   options of build
  cmhash prune --live FILE <path>...  list old versions that nothing uses any more
  cmhash help prune                   options of prune
  cmhash config schema                print the configuration file's JSON Schema
  cmhash config check [FILE]          validate a configuration file
                                      (default: cmhash.config.yaml here)
  cmhash --version

Examples:
  cmhash build k8s/ | kubectl apply -f -
  helm template app chart/ | cmhash build - | kubectl apply -f -
`

export const PRUNE_HELP = `Usage: cmhash prune --live FILE|- [options] <path>... | -

Lists the hashed ConfigMaps and Secrets (label cmhash.dev/managed: "true")
that can be deleted: those not in the desired manifests (<path>..., hashed
as build would), not referenced by any live object, and older than the
newest --keep versions of their name. Offline: it reads live state that you
export:

  kubectl get configmaps,secrets,pods,replicasets,controllerrevisions,jobs,cronjobs -A -o yaml > live.yaml
  cmhash prune --live live.yaml k8s/ | kubectl delete -f -

Options:
  -l, --live FILE        the live state (kubectl get ... -o yaml): a file, a
                         directory of them, or - for stdin
      --keep N           keep the N newest versions of each name (default 3)
  -A, --all-namespaces   also consider namespaces the desired input does not touch
      --output FORMAT    list (default): a v1 List for kubectl delete -f -;
                         names: kind/name -n namespace lines
  -q, --quiet            do not print the table of candidates on stderr
  and build's --namespace, --select, --config, --include, --exclude, --strict

Exit codes: 0 decided; 1 the live state is empty or invalid, the desired
input is invalid, or --strict and warnings (nothing is printed); 2 usage
error or unreadable input.
`

export const BUILD_HELP = `Usage: cmhash build [options] <path>... | -

Every ConfigMap and Secret that a workload references (and nothing pins to
its name) is renamed name-<hash>, where <hash> is the suffix kubectl
kustomize would give the same content; it is marked immutable: true,
labelled cmhash.dev/managed: "true" and annotated cmhash.dev/name with its
original name, and every reference to it is rewritten. Everything else is
printed exactly as written.

<path> is a manifest file (.yaml, .yml, .json) or a directory, read
recursively (hidden paths and kustomization.yaml skipped); - reads stdin.
The configuration's configMapGenerator and secretGenerator make ConfigMaps
and Secrets from files beside it, as kustomize does; they come first.

Options:
  -o, --output-dir DIR   write one file per input file under DIR, mirroring
                         paths, instead of printing one stream to stdout
  -n, --namespace NS     namespace of objects that set none (default
                         "default"), as with kubectl apply -n NS
      --select MODE      which ConfigMaps/Secrets to hash: referenced
                         (default), all, or annotated (only those annotated
                         cmhash.dev/hash: "true")
  -c, --config FILE      configuration file (default: cmhash.config.yaml,
                         .yml or .json in the input directory)
      --include GLOB     files to read in directories (repeatable; default
                         **/*.yaml, **/*.yml, **/*.json)
      --exclude GLOB     files to skip in directories (repeatable)
      --gitops TOOL      annotate hashed objects so that argocd, flux or
                         helm does not delete old versions before a rollout
                         finishes (cmhash prune removes them later)
      --report FILE      write a JSON report: every hashed ConfigMap/Secret,
                         old and new name, and what rolls because of it
      --summary          print that report as a table on stderr
      --format FORMAT    yaml (default), or json: one v1 List
      --strict           fail (exit 1) when there are warnings
  -q, --quiet            do not print warnings
  -h, --help             show this help

A config.kubernetes.io/v1 ResourceList on stdin (a KRM function's input,
as kpt and kustomize send it) is transformed and written back as a
ResourceList; its functionConfig (a ConfigMap, or kind CmhashConfig) is
read as configuration.

Annotations on a ConfigMap/Secret:
  cmhash.dev/hash: "true"    always hash it (and rewrite RBAC resourceNames too)
  cmhash.dev/hash: "false"   never hash it

Exit codes: 0 built; 1 the input is invalid, or --strict and warnings
(nothing is written); 2 usage error, unreadable input or unwritable output.
`
