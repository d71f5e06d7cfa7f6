// The two sides of cmhash diff: what each is built from (its inputs, the
// objects its configuration's generators make, and its own options) and
// how it is named. BASE HEAD reads two inputs here; --git reads a revision
// against the work tree (diff-revision.ts).
import type { Readable } from 'node:stream'
import { CmhashError, diff, DiffError, type BuildOptions, type DiffErrorDetail, type DiffResult, type Problem } from '@cmhash/core'
import { readInputs, type InputFile } from '../inputs.js'
import type { CommandOptions } from '../options.js'
import type { Generated } from './generator-files.js'

/**
 * The build and read options for inputs at `paths` (relative to `cwd`):
 * configuration found there (searching no higher than `top`), then flags;
 * with what the configuration's generators made.
 */
export type OptionsFor = (paths: readonly string[], cwd: string, top?: string) => Promise<CommandOptions>

export interface Side {
  /** What the side is built from: the generated objects first, as build has them. */
  readonly inputs: readonly InputFile[]
  readonly options: BuildOptions
  /** How the side is named in the Markdown heading. */
  readonly label: string
  /** The side's problems as its user reads them: those about generated objects at their generators. */
  readonly explain: <P extends Problem>(problems: readonly P[]) => P[]
}

/** BASE and HEAD: two paths (a file, a directory or `-`), each with its own configuration. */
export function readPair(base: string, head: string, cwd: string, stdin: () => Readable, optionsFor: OptionsFor): Promise<[Side, Side]> {
  const read = (path: string) => async (): Promise<Side> => {
    const options = await optionsFor([path], cwd)
    return sideOf(path === '-' ? 'stdin' : path, options, await readInputs([path], cwd, stdin, options), options.generated)
  }
  return readBoth(read(base), read(head))
}

/**
 * Reads BASE, then HEAD. A side whose configuration or generators fail
 * (CmhashError) does not stop the other: every problem of both is thrown
 * as one DiffError, each labelled with its side, as diff labels build errors.
 */
export async function readBoth(base: () => Promise<Side>, head: () => Promise<Side>): Promise<[Side, Side]> {
  const errors: DiffErrorDetail[] = []
  const read = async (side: DiffErrorDetail['side'], run: () => Promise<Side>): Promise<Side | undefined> => {
    try {
      return await run()
    } catch (e) {
      if (!(e instanceof CmhashError)) throw e
      errors.push(...e.errors.map(d => ({ ...d, side })))
      return undefined
    }
  }
  const before = await read('base', base)
  const after = await read('head', head)
  if (!before || !after) throw new DiffError(errors)
  return [before, after]
}

/**
 * A side of `files` and, before them, the objects `generated` (the side's
 * generators, if any); `rename` shows each of its problems as the user
 * should read them after they are pointed at the generators.
 */
export function sideOf(label: string, options: BuildOptions, files: readonly InputFile[], generated: Generated | undefined, rename?: <P extends Problem>(p: P) => P): Side {
  return {
    inputs: generated ? [generated.input, ...files] : files,
    options,
    label,
    explain: problems => {
      const attributed = generated ? generated.attribute(problems) : [...problems]
      return rename ? attributed.map(rename) : attributed
    },
  }
}

/** Diffs the sides, each built with its own options; each error is explained by its side. */
export function diffSides(base: Side, head: Side): DiffResult {
  try {
    return diff(base.inputs, head.inputs, { ...head.options, baseOptions: base.options })
  } catch (e) {
    if (!(e instanceof DiffError)) throw e
    throw new DiffError(e.errors.map(d => (d.side === 'base' ? base : head).explain([d])[0]!))
  }
}
