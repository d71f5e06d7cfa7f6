import { CONFIG_FILE_NAMES } from '@cmhash/core'
import { findConfig, InputError, readText } from '../inputs.js'
import { write, type Io } from '../io.js'
import { readGenerated } from './generator-files.js'

/** `cmhash config schema`: the configuration file's JSON Schema. */
export async function runConfigSchema(io: Io): Promise<void> {
  const { configSchema } = await import('@cmhash/core/config')
  await write(io.stdout, `${JSON.stringify(configSchema, null, 2)}\n`)
}

/**
 * `cmhash config check [FILE]`: validates a configuration file (throws
 * CmhashError when invalid); without FILE, the one a build of inputs here
 * would use, saying so.
 */
export async function runConfigCheck(file: string | undefined, io: Io): Promise<void> {
  const { configToOptions, parseConfig } = await import('@cmhash/core/config')
  const path = file ?? (await findConfig([], io.cwd, CONFIG_FILE_NAMES))?.path
  if (!path) throw new InputError(`no ${CONFIG_FILE_NAMES.join(', ')} here or in a directory above (up to the top of the git repository); name the file: cmhash config check FILE`)
  const text = await readText(path, io.cwd)
  const { generators } = configToOptions(parseConfig(text, path))
  // Generators are valid when their files are there and make valid objects.
  if (generators) await readGenerated(path, text, generators, io.cwd)
  await write(io.stdout, file === undefined ? `${path}: valid (the configuration a build of inputs in this directory uses)\n` : `${path}: valid\n`)
}
