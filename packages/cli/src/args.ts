import { parseArgs, type ParseArgsConfig } from 'node:util'
import { GITOPS_ANNOTATIONS, type SelectMode } from '@cmhash/core'

/** What the command line asked for. Parsing is pure: argv in, command out. */
export type Command =
  | { readonly name: 'help'; readonly topic?: string }
  | { readonly name: 'version' }
  | { readonly name: 'config-schema' }
  | { readonly name: 'config-check'; readonly file?: string }
  | BuildCommand
  | PruneCommand
  | PruneKindsCommand
  | DiffCommand

export interface PruneCommand extends Omit<BuildCommand, 'name' | 'outputDir' | 'gitops' | 'report' | 'summary' | 'format'> {
  readonly name: 'prune'
  /** Where the live state comes from: files (a file, a directory, or - for stdin), or kubectl. */
  readonly live: { readonly from: 'files'; readonly path: string; readonly kinds: readonly string[] } | { readonly from: 'kubectl'; readonly context?: string }
  readonly keep: number
  readonly allNamespaces: boolean
  readonly output: 'list' | 'names'
}

/** `cmhash prune --print-kinds`: the kinds prune needs, for an export. */
export interface PruneKindsCommand extends Pick<BuildCommand, 'paths' | 'config' | 'namespace' | 'select' | 'include' | 'exclude'> {
  readonly name: 'prune-kinds'
}

export interface BuildCommand {
  readonly name: 'build'
  readonly paths: readonly string[]
  readonly outputDir?: string
  readonly gitops?: GitopsTool
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

export interface DiffCommand extends Omit<BuildCommand, 'name' | 'outputDir' | 'gitops' | 'report' | 'summary' | 'format'> {
  readonly name: 'diff'
  /** BASE and HEAD; with --git, the paths read at REF and in the work tree. */
  readonly paths: readonly string[]
  /** --git REF: BASE is `paths` at this revision. */
  readonly git?: string
  readonly format: 'table' | 'json' | 'markdown'
  /** Exit 1 when something rolls or is recreated. */
  readonly exitCode: boolean
}

const SELECT_MODES: readonly SelectMode[] = ['referenced', 'all', 'annotated']

/** The GitOps tools --gitops knows: those with annotations in the table. */
type GitopsTool = keyof typeof GITOPS_ANNOTATIONS
const GITOPS_TOOLS = Object.keys(GITOPS_ANNOTATIONS) as GitopsTool[]

/** A command line cmhash cannot act on; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function parseCommand(argv: readonly string[]): Command {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '-h' || sub === '--help') return { name: 'help' }
  if (sub === 'help') {
    if (rest[0] === undefined) return { name: 'help' }
    if (rest[0] === 'build' || rest[0] === 'prune' || rest[0] === 'diff') return { name: 'help', topic: rest[0] }
    throw new UsageError(`no help on "${rest[0]}"; try: cmhash help build, cmhash help diff, cmhash help prune`)
  }
  if (sub === '-v' || sub === '--version' || sub === 'version') return { name: 'version' }
  if (sub === 'config') return parseConfigCommand(rest)
  if (sub === 'prune') return parsePrune(rest)
  if (sub === 'diff') return parseDiff(rest)
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
  if (values.gitops !== undefined && !GITOPS_TOOLS.includes(values.gitops as GitopsTool)) throw new UsageError(`--gitops must be one of ${GITOPS_TOOLS.join(', ')}`)
  const format = values.format ?? 'yaml'
  if (format !== 'yaml' && format !== 'json') throw new UsageError('--format must be yaml or json')
  if (format === 'json' && values['output-dir'] !== undefined) throw new UsageError('--format json writes one List to stdout; it does not go with --output-dir')
  return {
    name: 'build',
    paths: positionals,
    ...(values['output-dir'] !== undefined ? { outputDir: values['output-dir'] } : {}),
    ...(values.gitops !== undefined ? { gitops: values.gitops as GitopsTool } : {}),
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
    'live-kinds': { type: 'string', multiple: true },
    kubectl: { type: 'boolean' },
    context: { type: 'string' },
    'print-kinds': { type: 'boolean' },
    keep: { type: 'string' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    output: { type: 'string' },
  })
  if (values.help) return { name: 'help', topic: 'prune' }
  if (values['print-kinds']) {
    const { strict: _, quiet: __, ...shared } = sharedValues(values)
    return { name: 'prune-kinds', paths: positionals, ...shared }
  }
  if (values.kubectl && values.live !== undefined) throw new UsageError('--kubectl reads the live state from the cluster; it does not go with --live')
  if (!values.kubectl && values.context !== undefined) throw new UsageError('--context goes with --kubectl')
  if (values.kubectl && values['live-kinds'] !== undefined) throw new UsageError('--live-kinds says what a --live export holds; with --kubectl cmhash knows what it listed')
  if (values.kubectl && values['all-namespaces'] && values.namespace !== undefined) throw new UsageError('--kubectl lists one namespace (-n) or all (-A), not both')
  if (!values.kubectl && values.live === undefined) {
    throw new UsageError('cmhash prune needs the live state: --kubectl (cmhash runs kubectl get), or --live FILE|DIR|- (an export; see cmhash prune --help)')
  }
  if (positionals.length === 0) throw new UsageError('cmhash prune needs the desired manifests: a directory, files, or - for stdin')
  if ([values.live, ...positionals].filter(p => p === '-').length > 1) throw new UsageError('- (stdin) can be given only once')
  if (values.keep !== undefined && !/^[0-9]+$/.test(values.keep)) throw new UsageError('--keep takes a whole number (0 or more)')
  const keep = values.keep === undefined ? 3 : Number(values.keep)
  const output = values.output ?? 'list'
  if (output !== 'list' && output !== 'names') throw new UsageError('--output must be list or names')
  const live = values.kubectl
    ? { from: 'kubectl' as const, ...(values.context !== undefined ? { context: values.context } : {}) }
    : { from: 'files' as const, path: values.live!, kinds: (values['live-kinds'] ?? []).flatMap(k => k.split(',')).map(k => k.trim()).filter(k => k !== '') }
  return {
    name: 'prune', paths: positionals, live, keep, allNamespaces: values['all-namespaces'] ?? false, output,
    ...sharedValues(values),
  }
}

function parseDiff(rest: readonly string[]): Command {
  const { values, positionals } = parse(rest, {
    ...SHARED_OPTIONS,
    git: { type: 'string' },
    format: { type: 'string' },
    'exit-code': { type: 'boolean' },
  })
  if (values.help) return { name: 'help', topic: 'diff' }
  const format = values.format ?? 'table'
  if (format !== 'table' && format !== 'json' && format !== 'markdown') throw new UsageError('--format must be table, json or markdown')
  if (values.git !== undefined) {
    if (values.git === '' || values.git.startsWith('-')) throw new UsageError('--git needs a revision: cmhash diff --git REF <path>...')
    if (positionals.length === 0) throw new UsageError('cmhash diff --git REF needs the paths to compare: a directory or files in the work tree')
    if (positionals.includes('-')) throw new UsageError('cmhash diff --git reads the work tree; - (stdin) does not go with it')
  } else {
    if (positionals.length !== 2) throw new UsageError('cmhash diff needs BASE and HEAD (a directory, a file, or - for stdin), or --git REF <path>... (see cmhash diff --help)')
    if (positionals[0] === '-' && positionals[1] === '-') throw new UsageError('- (stdin) can be given only once')
  }
  return {
    name: 'diff', paths: positionals, format, exitCode: values['exit-code'] ?? false,
    ...(values.git !== undefined ? { git: values.git } : {}),
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
