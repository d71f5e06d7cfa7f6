// The words and options commands share, as data: args.ts builds the table
// of every command's options from them (COMMANDS), which parsing, help
// suggestions and shell completion all read.
import { GITOPS_ANNOTATIONS, type SelectMode } from '@cmhash/core'

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

export const SELECT_MODES: readonly SelectMode[] = ['referenced', 'all', 'annotated']

/** The GitOps tools --gitops knows: those with annotations in the table. */
export type GitopsTool = keyof typeof GITOPS_ANNOTATIONS
export const GITOPS_TOOLS: readonly GitopsTool[] = Object.keys(GITOPS_ANNOTATIONS) as GitopsTool[]

/** The words that may follow `cmhash`, and those that may follow `cmhash config`. */
export const COMMAND_NAMES = ['build', 'diff', 'prune', 'config', 'completion', 'help', 'version'] as const
export const CONFIG_COMMANDS = ['check', 'schema'] as const
