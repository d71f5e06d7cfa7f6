// A build reads as its pipeline: read every input into facts and plan the
// edits (analyze: read/ then plan/), then splice the edits into the text
// (emit/).
import { analyze, asInputs } from './analyze.js'
import { emitFiles } from './emit/emit-files.js'
import { emitStream } from './emit/emit-stream.js'
import { CmhashError } from './errors.js'
import type { BuildInput, BuildOptions, BuildResult, OutputFile } from './types.js'

/**
 * Hashes every selected ConfigMap and Secret, renames it `name-<hash>` (the
 * suffix `kubectl kustomize` would give the same content), marks it
 * immutable, records its original name, and rewrites every reference to it.
 * Everything else comes out byte for byte as it went in.
 *
 * A string input is read as one file named `<input>`. Pure: no file system,
 * no environment. Throws {@link CmhashError} listing every problem when any
 * input is invalid; returns warnings otherwise.
 */
export function build(input: string | readonly BuildInput[], options: BuildOptions = {}): BuildResult {
  const { files, plan, report } = analyze(asInputs(input), options)
  if (!plan || report.errors.length > 0) throw new CmhashError(report.errors)
  let mirrored: readonly OutputFile[] | undefined
  return {
    output: emitStream(files, plan.edits),
    // Computed on first use: most callers want one of the two forms, and
    // each is as large as the input.
    get files() {
      mirrored ??= emitFiles(files, plan.edits)
      return mirrored
    },
    renames: plan.renames,
    warnings: report.warnings,
  }
}
