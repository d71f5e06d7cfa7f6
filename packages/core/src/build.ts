// A build reads as its pipeline: read every input into facts and plan the
// edits (analyze: read/ then plan/), then splice the edits into the text
// (emit/).
import { analyzeForOutput, asInputs, settleWarnings } from './analyze.js'
import { checkBuildArguments } from './check-options.js'
import { emitFiles } from './emit/emit-files.js'
import { emitChunks, emitStream } from './emit/emit-stream.js'
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
 * input is invalid, and (code `INVALID_INPUT` or `INVALID_OPTION`, before
 * reading anything) when the inputs or options are not what it takes: an
 * unknown `select` mode or preset, a namespace that is not a DNS-1123
 * label, a content that is not a string, a path given twice. Returns
 * warnings otherwise.
 */
export function build(input: string | readonly BuildInput[], options: BuildOptions = {}): BuildResult {
  return buildWith(input, options)
}

// --- internal ---

/** {@link build}, planned in two reads when `lean` (else when the input is large: analyze.ts, LEAN_FROM); the tests compare the two. */
export function buildWith(input: string | readonly BuildInput[], options: BuildOptions = {}, lean?: boolean): BuildResult {
  checkBuildArguments({ input }, options)
  const analysis = analyzeForOutput(asInputs(input), options, lean)
  settleWarnings(analysis, options)
  const { files, plan, report } = analysis
  if (!plan || report.errors.length > 0) throw new CmhashError(report.errors)
  let stream: string | undefined
  let mirrored: readonly OutputFile[] | undefined
  return {
    // Computed on first use: most callers want one of the forms, and each
    // is as large as the input.
    get output() {
      stream ??= emitStream(files, plan.edits)
      return stream
    },
    chunks: () => emitChunks(files, plan.edits),
    get files() {
      mirrored ??= emitFiles(files, plan.edits)
      return mirrored
    },
    renames: plan.renames,
    warnings: report.warnings,
  }
}
