import { CONFIG_FILE_NAMES, GITOPS_ANNOTATIONS, type BuildOptions } from '@cmhash/core'
import type { BuildCommand } from './args.js'
import { readGenerated, type Generated } from './commands/generator-files.js'
import type { Io } from './io.js'
import { findConfig, readText, type ReadOptions } from './inputs.js'

/** What build, prune and diff share: the inputs and the flags that set build options. */
type SharedCommand = Pick<BuildCommand, 'paths' | 'config' | 'namespace' | 'select' | 'include' | 'exclude' | 'warnings'> & { readonly gitops?: BuildCommand['gitops'] }

/** The options the command line sets (they win over configuration). */
export function flagOptions(command: SharedCommand): BuildOptions & ReadOptions {
  return {
    ...(command.namespace !== undefined ? { namespace: command.namespace } : {}),
    ...(command.select !== undefined ? { select: command.select } : {}),
    ...(command.include !== undefined ? { include: command.include } : {}),
    ...(command.exclude !== undefined ? { exclude: command.exclude } : {}),
    ...(command.gitops !== undefined ? { annotations: GITOPS_ANNOTATIONS[command.gitops] } : {}),
    ...(command.warnings !== undefined ? { warnings: command.warnings } : {}),
  }
}

/** Configuration options overridden by the command line's; warning levels merge, code by code. */
export function withFlags<T extends BuildOptions>(config: T, flags: BuildOptions & ReadOptions): T & BuildOptions & ReadOptions {
  const warnings = config.warnings || flags.warnings ? { warnings: { ...config.warnings, ...flags.warnings } } : {}
  return { ...config, ...flags, ...warnings }
}

/** Build and read options, and what the configuration's generators made (if any). */
export type CommandOptions = BuildOptions & ReadOptions & { readonly generated?: Generated }

/**
 * Options from the configuration file (if any), overridden by the command
 * line; the configuration's generators are run here, their files read
 * relative to it.
 */
export async function commandOptions(command: SharedCommand, io: Io): Promise<CommandOptions> {
  const flags = flagOptions(command)
  let file = command.config
  if (file === undefined) {
    // Looking for a config file costs a stat per directory; loading the
    // config module (and ajv) happens only when there is one.
    file = await findConfig(command.paths, io.cwd, CONFIG_FILE_NAMES)
  }
  if (file === undefined) return flags
  const { configToOptions, parseConfig } = await import('@cmhash/core/config')
  const text = await readText(file, io.cwd)
  const options = withFlags(configToOptions(parseConfig(text, file)), flags)
  if (!options.generators) return options
  const generated = await readGenerated(file, text, options.generators, io.cwd, options.namespace)
  return { ...options, generated, skip: generated.sources, allowEmpty: true }
}
