// What the command line asks for: one type per command. args.ts parses
// argv into these.
import type { SelectMode, WarningCode, WarningLevel } from '@cmhash/core'
import type { GitopsTool, Shell, Topic } from './command-table.js'

/** What the command line asked for. Parsing is pure: argv in, command out. */
export type Command =
  | { readonly name: 'help'; readonly topic?: Topic }
  | { readonly name: 'version' }
  | { readonly name: 'config-schema' }
  | { readonly name: 'config-check'; readonly file?: string }
  | { readonly name: 'completion'; readonly shell: Shell }
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

/** `cmhash prune --print-kinds`: the kinds prune needs for these desired manifests, for an export. */
export interface PruneKindsCommand extends Pick<BuildCommand, 'paths' | 'config' | 'namespace' | 'select' | 'include' | 'exclude' | 'maxInput' | 'disablePresets' | 'warnings'> {
  readonly name: 'prune-kinds'
}

export interface BuildCommand {
  readonly name: 'build'
  readonly paths: readonly string[]
  readonly outputDir?: string
  readonly gitops?: GitopsTool
  /** A file, or - for stdout (only with outputDir, when stdout is free). */
  readonly report?: string
  readonly summary: boolean
  readonly format: 'yaml' | 'json'
  readonly namespace?: string
  readonly select?: SelectMode
  readonly config?: string
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
  /** Presets to turn off, as `presets: {NAME: false}` in the configuration. */
  readonly disablePresets?: readonly string[]
  readonly strict: boolean
  readonly quiet: boolean
  /** --max-input: most bytes read from all inputs together. */
  readonly maxInput?: number
  /** --warning CODE=LEVEL: what each warning code does (error, warn, ignore). */
  readonly warnings?: Readonly<Partial<Record<WarningCode, WarningLevel>>>
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
