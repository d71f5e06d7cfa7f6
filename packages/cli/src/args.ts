import { parseArgs } from 'node:util'
import { PRESETS, WARNING_CODES, type SelectMode, type WarningCode, type WarningLevel } from '@cmhash/core'
import { COMMAND_NAMES, CONFIG_COMMANDS, GITOPS_TOOLS, SELECT_MODES, SHELLS, type GitopsTool, type OptionSpec, type Shell, type Topic } from './command-table.js'
import type { BuildCommand, Command, DiffCommand, PruneCommand } from './command-types.js'
import { parseSize } from './read-bounded.js'
import { closest } from './suggest.js'

const SHARED_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  select: { type: 'string', values: SELECT_MODES },
  config: { type: 'string', short: 'c', complete: 'file' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'disable-preset': { type: 'string', multiple: true, values: PRESETS.map(p => p.name) },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'max-input': { type: 'string' },
  warning: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, OptionSpec>

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies Record<string, OptionSpec>

const COMMAND_OPTIONS = {
  build: {
    ...SHARED_OPTIONS,
    'output-dir': { type: 'string', short: 'o', complete: 'dir' },
    gitops: { type: 'string', values: GITOPS_TOOLS },
    report: { type: 'string', complete: 'file' },
    summary: { type: 'boolean' },
    format: { type: 'string', values: ['yaml', 'json'] },
  },
  diff: {
    ...SHARED_OPTIONS,
    git: { type: 'string' },
    format: { type: 'string', values: ['table', 'json', 'markdown'] },
    'exit-code': { type: 'boolean' },
  },
  prune: {
    ...SHARED_OPTIONS,
    live: { type: 'string', short: 'l', complete: 'file' },
    'live-kinds': { type: 'string', multiple: true },
    kubectl: { type: 'boolean' },
    context: { type: 'string' },
    'print-kinds': { type: 'boolean' },
    keep: { type: 'string' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    output: { type: 'string', values: ['list', 'names'] },
  },
  config: HELP_OPTION,
  'config check': HELP_OPTION,
  'config schema': HELP_OPTION,
  completion: HELP_OPTION,
} as const satisfies Record<Topic, Record<string, OptionSpec>>

/**
 * Every command and subcommand with its options: parsing, the suggestions
 * for a mistyped name, and shell completion all read this one table.
 */
export const COMMANDS: Readonly<Record<Topic, Readonly<Record<string, OptionSpec>>>> = COMMAND_OPTIONS

/** A command line cmhash cannot act on; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function parseCommand(argv: readonly string[]): Command {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '-h' || sub === '--help') return { name: 'help' }
  if (sub === 'help') return parseHelp(rest)
  if (sub === '-v' || sub === '--version' || sub === 'version') return { name: 'version' }
  if (sub === 'config') return parseConfigCommand(rest)
  if (sub === 'prune') return parsePrune(rest)
  if (sub === 'diff') return parseDiff(rest)
  if (sub === 'completion') return parseCompletion(rest)
  if (sub === 'build') return parseBuild(rest)
  const near = sub.startsWith('-') ? closest(sub, ['--help', '--version']) : closest(sub, COMMAND_NAMES)
  throw new UsageError(`unknown ${sub.startsWith('-') ? 'option' : 'command'} "${sub}"${near ? `; did you mean "${near}"?` : ''} (the commands: ${COMMAND_NAMES.join(', ')}; see cmhash --help)`)
}

// --- internal ---

function parseHelp(rest: readonly string[]): Command {
  const topic = rest.join(' ')
  if (topic === '' || topic === 'help') return { name: 'help' }
  if (isTopic(topic)) return { name: 'help', topic }
  const topics = Object.keys(COMMANDS)
  const near = closest(topic, topics)
  throw new UsageError(`no help on "${topic}"${near ? `; did you mean "cmhash help ${near}"?` : ''} (topics: ${topics.join(', ')})`)
}

function isTopic(s: string): s is Topic {
  return Object.hasOwn(COMMANDS, s)
}

function parseBuild(rest: readonly string[]): Command {
  const { values, positionals } = parse('build', rest)
  if (values.help) return { name: 'help', topic: 'build' }
  if (positionals.length === 0) {
    throw new UsageError('cmhash build needs input: a directory, files, or - for stdin (see cmhash build --help)')
  }
  if (positionals.filter(p => p === '-').length > 1) throw new UsageError('- (stdin) can be given only once')
  const format = values.format ?? 'yaml'
  if (format === 'json' && values['output-dir'] !== undefined) throw new UsageError('--format json writes one List to stdout; it does not go with --output-dir')
  if (values.report === '-' && values['output-dir'] === undefined) {
    throw new UsageError('--report - writes the report to stdout, which holds the manifests; name a file, or write the manifests with --output-dir')
  }
  return {
    name: 'build',
    paths: positionals,
    ...(values['output-dir'] !== undefined ? { outputDir: values['output-dir'] } : {}),
    ...(values.gitops !== undefined ? { gitops: values.gitops as GitopsTool } : {}),
    ...(values.report !== undefined ? { report: values.report } : {}),
    summary: values.summary ?? false,
    format: format as BuildCommand['format'],
    ...sharedValues(values),
  }
}

function parsePrune(rest: readonly string[]): Command {
  const { values, positionals } = parse('prune', rest)
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
  const live = values.kubectl
    ? { from: 'kubectl' as const, ...(values.context !== undefined ? { context: values.context } : {}) }
    : { from: 'files' as const, path: values.live!, kinds: (values['live-kinds'] ?? []).flatMap(k => k.split(',')).map(k => k.trim()).filter(k => k !== '') }
  return {
    name: 'prune', paths: positionals, live, keep, allNamespaces: values['all-namespaces'] ?? false,
    output: (values.output ?? 'list') as PruneCommand['output'],
    ...sharedValues(values),
  }
}

function parseDiff(rest: readonly string[]): Command {
  const { values, positionals } = parse('diff', rest)
  if (values.help) return { name: 'help', topic: 'diff' }
  if (values.git !== undefined) {
    if (values.git === '' || values.git.startsWith('-')) throw new UsageError('--git needs a revision: cmhash diff --git REF <path>...')
    if (positionals.length === 0) throw new UsageError('cmhash diff --git REF needs the paths to compare: a directory or files in the work tree')
    if (positionals.includes('-')) throw new UsageError('cmhash diff --git reads the work tree; - (stdin) does not go with it')
  } else {
    if (positionals.length !== 2) throw new UsageError('cmhash diff needs BASE and HEAD (a directory, a file, or - for stdin), or --git REF <path>... (see cmhash diff --help)')
    if (positionals[0] === '-' && positionals[1] === '-') throw new UsageError('- (stdin) can be given only once')
  }
  return {
    name: 'diff', paths: positionals, format: (values.format ?? 'table') as DiffCommand['format'], exitCode: values['exit-code'] ?? false,
    ...(values.git !== undefined ? { git: values.git } : {}),
    ...sharedValues(values),
  }
}

function sharedValues(values: { namespace?: string; select?: string; config?: string; include?: string[]; exclude?: string[]; 'disable-preset'?: string[]; strict?: boolean; quiet?: boolean; 'max-input'?: string; warning?: string[] }) {
  const maxInput = values['max-input'] === undefined ? undefined : parseSize(values['max-input'])
  if (maxInput === 0 || (maxInput === undefined && values['max-input'] !== undefined)) {
    throw new UsageError('--max-input takes a size: bytes, or a number with K, M or G (e.g. 512M, 2G)')
  }
  for (const [flag, globs] of [['--include', values.include], ['--exclude', values.exclude]] as const) {
    const out = globs?.find(g => LEAVES_DIRECTORY.test(g))
    if (out !== undefined) {
      throw new UsageError(`${flag} ${JSON.stringify(out)} leaves the input directory (a .. segment or an absolute path); ` +
        'globs are relative to each input directory: name the files, or their directory, as inputs instead')
    }
  }
  if (values.namespace !== undefined && (values.namespace.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.namespace))) {
    throw new UsageError(`--namespace ${JSON.stringify(values.namespace)} is not a valid namespace name (lower-case letters, digits and -, at most 63)`)
  }
  return {
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    ...(values.select !== undefined ? { select: values.select as SelectMode } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.include !== undefined ? { include: values.include } : {}),
    ...(values.exclude !== undefined ? { exclude: values.exclude } : {}),
    ...(maxInput !== undefined ? { maxInput } : {}),
    ...(values['disable-preset'] !== undefined ? { disablePresets: values['disable-preset'] } : {}),
    strict: values.strict ?? false,
    quiet: values.quiet ?? false,
    ...(values.warning !== undefined ? { warnings: warningLevels(values.warning) } : {}),
  }
}

/** A glob that leaves the directory it is matched in, as the configuration's schema says (include, exclude): absolute, or a `..` segment (in braces too). */
const LEAVES_DIRECTORY = /^\/|(^|[/{,])\.\.($|[/},])/

const LEVELS: readonly WarningLevel[] = ['error', 'warn', 'ignore']

/** `--warning MISSING_REFERENCE=ignore` (repeatable; the last for a code wins). */
function warningLevels(given: readonly string[]): Partial<Record<WarningCode, WarningLevel>> {
  const levels: Partial<Record<WarningCode, WarningLevel>> = {}
  for (const g of given) {
    const [code, level, ...rest] = g.split('=')
    if (!WARNING_CODES.includes(code as WarningCode) || !LEVELS.includes(level as WarningLevel) || rest.length > 0) {
      throw new UsageError(`--warning takes CODE=LEVEL, a code of ${WARNING_CODES.join(', ')} and a level of ${LEVELS.join(', ')}; got ${JSON.stringify(g)}`)
    }
    levels[code as WarningCode] = level as WarningLevel
  }
  return levels
}

function parseConfigCommand(rest: readonly string[]): Command {
  const [what, ...more] = rest
  if (what === undefined || what.startsWith('-')) {
    if (parse('config', rest).values.help) return { name: 'help', topic: 'config' }
    throw new UsageError('cmhash config needs a command: check [FILE] or schema (see cmhash config --help)')
  }
  if (what === 'schema') {
    const { values, positionals } = parse('config schema', more)
    if (values.help) return { name: 'help', topic: 'config schema' }
    if (positionals.length > 0) throw new UsageError(`cmhash config schema takes no arguments, not "${positionals[0]}"`)
    return { name: 'config-schema' }
  }
  if (what === 'check') {
    const { values, positionals } = parse('config check', more)
    if (values.help) return { name: 'help', topic: 'config check' }
    if (positionals.length > 1) throw new UsageError('cmhash config check takes one FILE at most')
    return positionals[0] === undefined ? { name: 'config-check' } : { name: 'config-check', file: positionals[0] }
  }
  const near = closest(what, CONFIG_COMMANDS)
  throw new UsageError(`unknown command "cmhash config ${what}"${near ? `; did you mean "cmhash config ${near}"?` : ''} (see cmhash config --help)`)
}

function parseCompletion(rest: readonly string[]): Command {
  const { values, positionals } = parse('completion', rest)
  if (values.help) return { name: 'help', topic: 'completion' }
  const [shell, ...more] = positionals
  if (shell === undefined) throw new UsageError(`cmhash completion needs a shell: ${SHELLS.join(', ')} (see cmhash completion --help)`)
  if (!(SHELLS as readonly string[]).includes(shell)) {
    const near = closest(shell, SHELLS)
    throw new UsageError(`cmhash completion knows ${SHELLS.join(', ')}, not "${shell}"${near ? `; did you mean "${near}"?` : ''}`)
  }
  if (more.length > 0) throw new UsageError(`cmhash completion takes one shell, not "${more.join(' ')}"`)
  return { name: 'completion', shell: shell as Shell }
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : O[K] extends { multiple: true } ? string[] : string
}

/**
 * node:util parseArgs, after a look at every option first so that a
 * mistake is answered in cmhash's words: an unknown option with the
 * closest one, a value that is missing, a value an option does not take.
 */
function parse<T extends Topic>(topic: T, args: readonly string[]): { values: Values<(typeof COMMAND_OPTIONS)[T]>; positionals: string[] } {
  const options: Record<string, OptionSpec> = COMMANDS[topic]
  const config = Object.fromEntries(Object.entries(options).map(([name, o]) => [name, {
    type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}),
  }]))
  const { tokens } = parseArgs({ args: [...args], options: config, allowPositionals: true, strict: false, tokens: true })
  const command = `cmhash ${topic}`
  for (const t of tokens) {
    if (t.kind !== 'option') continue
    const spec = options[t.name]
    if (!spec) {
      const names = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])])
      const near = t.rawName.startsWith('--') ? closest(t.rawName, names) : undefined
      throw new UsageError(`${command} has no option ${t.rawName}${near ? `; did you mean ${near}?` : ''} (see ${command} --help)`)
    }
    if (spec.type === 'boolean' && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value (${t.rawName}=${t.value})`)
    if (spec.type === 'string' && t.value === undefined) throw new UsageError(`${t.rawName} needs a value (see ${command} --help)`)
    if (spec.type === 'string' && t.inlineValue !== true && t.value !== undefined && t.value.startsWith('-') && t.value !== '-') {
      throw new UsageError(`${t.rawName} needs a value, not the option ${t.value} (write ${t.rawName}=${t.value} if that is the value)`)
    }
    if (spec.values && t.value !== undefined && !spec.values.includes(t.value)) {
      const near = closest(t.value, spec.values)
      throw new UsageError(`--${t.name} takes ${spec.values.join(', ')}, not "${t.value}"${near ? `; did you mean ${near}?` : ''}`)
    }
  }
  const { values, positionals } = parseArgs({ args: [...args], options: config, allowPositionals: true, strict: false })
  return { values: values as Values<(typeof COMMAND_OPTIONS)[T]>, positionals }
}
