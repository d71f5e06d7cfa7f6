// cmhash diff: build BASE and HEAD with the same options, then compare what
// came out. The pipeline: readSide (build, re-read) twice → diffBuilds.
import type { BuildInput, BuildOptions } from '../types.js'
import { checkBuildArguments, checkDiffOptions } from '../check-options.js'
import { CmhashError, formatProblem, type ErrorDetail } from '../errors.js'
import { diffBuilds } from './diff-builds.js'
import type { DiffResult } from './diff-types.js'
import { readSide, type Side } from './read-side.js'

export type {
  DiffAffected, DiffCause, DiffConfig, DiffEffect, DiffKeys, DiffObject, DiffReferrer, DiffResult, DiffWarning,
} from './diff-types.js'
export { formatDiffTable } from './format-table.js'
export { formatDiffMarkdown, type DiffMarkdownOptions } from './format-markdown.js'

export interface DiffOptions extends BuildOptions {
  /**
   * BASE's options, when they differ from HEAD's (each side's own
   * configuration file); by default BASE is built with the same options.
   */
  readonly baseOptions?: BuildOptions
}

/** An error of one side's build, labelled with the side. */
export interface DiffErrorDetail extends ErrorDetail {
  readonly side: 'base' | 'head'
}

/** Thrown by {@link diff} when BASE or HEAD (or both) does not build: every error, each labelled with its side. */
export class DiffError extends CmhashError {
  declare readonly errors: readonly DiffErrorDetail[]

  constructor(errors: readonly DiffErrorDetail[]) {
    super(errors)
    const first = errors[0]!
    this.message = `${first.side.toUpperCase()}: ${formatProblem(first)}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`
  }
}

/**
 * What changes from BASE to HEAD, and what rolls because of it. Both are
 * built with {@link build} and the same options (BASE with `baseOptions`
 * when given), then compared by API group, kind, namespace and name (the
 * original name, annotation `cmhash.dev/name`, for hashed ConfigMaps and
 * Secrets), so moving an object between files, reordering keys or editing
 * comments changes nothing.
 *
 * Lists the ConfigMaps/Secrets whose data (key names only: added, removed,
 * changed) or name changed, the references that follow the new name and so
 * the objects that roll (`rolls`), must be recreated (bare Pods) or update;
 * the objects added, removed, and changed in their own content. A string
 * input is read as one file named `<base>` or `<head>`. Never returns or
 * throws a value of a ConfigMap or Secret. Throws {@link DiffError} with the
 * errors of each side that does not build, and {@link CmhashError}
 * (`INVALID_INPUT`, `INVALID_OPTION`) for inputs or options that `build`
 * would refuse, before building either side.
 */
export function diff(base: string | readonly BuildInput[], head: string | readonly BuildInput[], options: DiffOptions = {}): DiffResult {
  checkBuildArguments({ base, head }, options, checkDiffOptions)
  const { baseOptions, ...headOptions } = options
  const errors: DiffErrorDetail[] = []
  const read = (side: 'base' | 'head', input: string | readonly BuildInput[], opts: BuildOptions): Side | undefined => {
    try {
      return readSide(typeof input === 'string' ? [{ path: `<${side}>`, content: input }] : input, opts)
    } catch (e) {
      if (!(e instanceof CmhashError)) throw e
      errors.push(...e.errors.map(d => ({ ...d, side })))
      return undefined
    }
  }
  const before = read('base', base, baseOptions ?? headOptions)
  const after = read('head', head, headOptions)
  if (!before || !after) throw new DiffError(errors)
  return diffBuilds(before, after)
}
