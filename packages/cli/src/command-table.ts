// Every command and its options, as data: parsing (args.ts), help
// suggestions and shell completion (completion.ts) all read this one table.
import { GITOPS_ANNOTATIONS, PRESETS, type SelectMode } from '@cmhash/core'

/** A command or subcommand that has help of its own: `cmhash help TOPIC`, `cmhash TOPIC --help`. */
export type Topic = 'build' | 'diff' | 'prune' | 'config' | 'config check' | 'config schema' | 'completion'

export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]

/** One option: what node:util parseArgs needs, and what help and completion say about its value. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  readonly multiple?: boolean
  /** The values it takes, for checking and completion. */
  readonly values?: readonly string[]
  /** What kind of value to complete: a file, a directory, or anything. */
  readonly complete?: 'file' | 'dir'
}

const SELECT_MODES: readonly SelectMode[] = ['referenced', 'all', 'annotated']

/** The GitOps tools --gitops knows: those with annotations in the table. */
export type GitopsTool = keyof typeof GITOPS_ANNOTATIONS
const GITOPS_TOOLS = Object.keys(GITOPS_ANNOTATIONS) as GitopsTool[]

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

/** The options of each command, exactly typed (for what parsing returns). */
export type CommandOptions = typeof COMMAND_OPTIONS

/** The words that may follow `cmhash`, and those that may follow `cmhash config`. */
export const COMMAND_NAMES = ['build', 'diff', 'prune', 'config', 'completion', 'help', 'version'] as const
export const CONFIG_COMMANDS = ['check', 'schema'] as const
