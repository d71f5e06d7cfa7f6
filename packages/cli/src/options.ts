import { CONFIG_FILE_NAMES, GITOPS_ANNOTATIONS, type BuildOptions } from '@cmhash/core'
import { resolve } from 'node:path'
import type { BuildCommand } from './command-types.js'
import { readGenerated, type Generated } from './commands/generator-files.js'
import type { Io } from './io.js'
import { findConfig, readText, type ReadOptions } from './inputs.js'

/** The options the command line sets (they win over configuration). */
export function flagOptions(command: SharedCommand): BuildOptions & ReadOptions {
  return {
    ...(command.namespace !== undefined ? { namespace: command.namespace } : {}),
    ...(command.select !== undefined ? { select: command.select } : {}),
    ...(command.include !== undefined ? { include: command.include } : {}),
    ...(command.exclude !== undefined ? { exclude: command.exclude } : {}),
    ...(command.maxInput !== undefined ? { maxInputBytes: command.maxInput } : {}),
    ...(command.gitops !== undefined ? { annotations: GITOPS_ANNOTATIONS[command.gitops] } : {}),
    ...(command.disablePresets !== undefined ? { presets: Object.fromEntries(command.disablePresets.map(name => [name, false])) } : {}),
    ...(command.warnings !== undefined ? { warnings: command.warnings } : {}),
  }
}

/**
 * Configured options with the command line's over them: presets the flags
 * turn off are added to the configuration's, and warning levels merge, code
 * by code.
 */
export function withFlags<T extends BuildOptions>(configured: T, flags: BuildOptions & ReadOptions): T & ReadOptions {
  return {
    ...configured,
    ...flags,
    ...(flags.presets ? { presets: { ...configured.presets, ...flags.presets } } : {}),
    ...(configured.warnings || flags.warnings ? { warnings: { ...configured.warnings, ...flags.warnings } } : {}),
  }
}

/** Build and read options, and what the configuration's generators made (if any). */
export type CommandOptions = BuildOptions & ReadOptions & { readonly generated?: Generated }

/** What build, prune and diff share: the inputs and the flags that set build and read options. */
type SharedCommand = Pick<BuildCommand, 'paths' | 'config' | 'namespace' | 'select' | 'include' | 'exclude' | 'maxInput' | 'disablePresets' | 'warnings'> & { readonly gitops?: BuildCommand['gitops'] }

/**
 * Options from the configuration file (--config, or the one findConfig
 * finds, searching no higher than `top`), overridden by the command line;
 * the configuration's generators are run here, their files read relative
 * to it.
 */
export async function commandOptions(command: SharedCommand, io: Io, top?: string): Promise<CommandOptions> {
  const flags = flagOptions(command)
  // Looking for a config file costs a few stats per directory; loading the
  // config module (and ajv) happens only when there is one.
  const file = command.config ?? (await findConfig(command.paths, io.cwd, CONFIG_FILE_NAMES, top))?.path
  if (file === undefined) return flags
  const { configToOptions, parseConfig } = await import('@cmhash/core/config')
  const text = await readText(file, io.cwd)
  const options = { ...withFlags(configToOptions(parseConfig(text, file)), flags), configFile: resolve(io.cwd, file) }
  if (!options.generators) return options
  const generated = await readGenerated(file, text, options.generators, io.cwd, options.namespace)
  return { ...options, generated, skip: generated.sources, allowEmpty: true }
}
