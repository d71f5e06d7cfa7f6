// The two sides of cmhash diff: what each is built from (its inputs and its
// own options) and how it is named. BASE HEAD reads two inputs here; --git
// reads a revision against the work tree (diff-revision.ts).
import type { Readable } from 'node:stream'
import type { BuildOptions } from '@cmhash/core'
import { readInputs, type InputFile, type ReadOptions } from '../inputs.js'

/**
 * The build and read options for inputs at `paths` (relative to `cwd`):
 * configuration found there (searching no higher than `top`), then flags.
 */
export type OptionsFor = (paths: readonly string[], cwd: string, top?: string) => Promise<BuildOptions & ReadOptions>

export interface Side {
  readonly inputs: readonly InputFile[]
  readonly options: BuildOptions
  /** How the side is named in the Markdown heading. */
  readonly label: string
}

/** BASE and HEAD: two paths (a file, a directory or `-`), each with its own configuration. */
export async function readPair(base: string, head: string, cwd: string, stdin: Readable, optionsFor: OptionsFor): Promise<[Side, Side]> {
  const read = async (path: string): Promise<Side> => {
    const options = await optionsFor([path], cwd)
    return { inputs: await readInputs([path], cwd, stdin, options), options, label: path === '-' ? 'stdin' : path }
  }
  return [await read(base), await read(head)]
}
