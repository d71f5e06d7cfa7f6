import { realpath } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { addToResourceList, build, changeReport, formatProblem, formatSummary, isResourceList, toJsonList } from '@cmhash/core'
import { UsageError } from '../args.js'
import type { BuildCommand } from '../command-types.js'
import { readInputs } from '../inputs.js'
import { STDERR, write, writeChunks, type Io } from '../io.js'
import { mustBeDirectory, placeOutput, writeAll, type OutputFile } from '../write-files.js'
import { attributed, refuseFunctionGenerators } from './generator-files.js'
import { commandOptions, flagOptions, withFlags } from '../options.js'
import { strictFailure } from '../strict.js'
import { fitHeap } from '../heap.js'

/** `cmhash build`: returns false when --strict and there were warnings (nothing written). */
export async function runBuild(command: BuildCommand, io: Io): Promise<boolean> {
  let options = await commandOptions(command, io)
  const reportPath = command.report === undefined || command.report === '-' ? undefined : resolve(io.cwd, command.report)
  const outputDir = command.outputDir === undefined ? undefined : resolve(io.cwd, command.outputDir)
  if (command.paths.includes('-') && (io.stdin as { isTTY?: boolean }).isTTY === true) {
    await write(io.stderr, 'cmhash: reading manifests from standard input (end with Ctrl-D)\n', STDERR)
  }
  const read = { ...options, ...(outputDir !== undefined ? { outputDir } : {}) }
  const inputs = [...(options.generated ? [options.generated.input] : []), ...await readInputs(command.paths, io.cwd, () => io.stdin, read)]
  if (command.outputDir !== undefined) checkOutputPaths(inputs.map(i => i.outputPath))
  if (reportPath !== undefined) await checkReportPath(reportPath, command.report!, outputDir, inputs.map(i => i.outputPath))
  const stdin = inputs.find(i => i.path === '<stdin>')
  const krm = stdin !== undefined && isResourceList(stdin.content)
  if (stdin && krm) {
    // A KRM function's input: its functionConfig configures the build; flags still win.
    const { configToOptions, readFunctionConfig } = await import('@cmhash/core/config')
    const fc = readFunctionConfig(stdin.content, stdin.path)
    if (fc) await refuseFunctionGenerators(fc, stdin.content, stdin.path)
    if (fc) options = withFlags({ ...options, ...configToOptions(fc) }, flagOptions(command))
  }
  fitHeap(inputs)
  const result = attributed(options.generated, () => build(inputs, options))
  // Made only when asked for: it copies every rename and referrer.
  const report = command.report !== undefined || command.summary ? changeReport(result) : undefined
  if (!command.quiet) await write(io.stderr, result.warnings.map(w => `warning: ${formatProblem(w)}\n`).join(''), STDERR)
  if (command.strict && result.warnings.length > 0) {
    await write(io.stderr, strictFailure(result.warnings), STDERR)
    return false
  }
  // A KRM function writes back one ResourceList: the generated objects go
  // into its items. --format json is one List made from the whole stream
  // (and can still fail). Otherwise the stream is written as it is made,
  // never held whole.
  const krmOutput = krm && options.generated && inputs.length === 2 ? addToResourceList(result.files[1]!.content, result.files[0]!.content) : undefined
  const whole = command.format === 'json' ? toJsonList(krmOutput ?? result.output) : krmOutput
  // Everything that can fail is computed; now every output is written or
  // none is: files and the report go to temporary names and are renamed
  // into place together, and stdout is written last.
  const files: OutputFile[] = []
  if (outputDir !== undefined) {
    await mustBeDirectory(outputDir, command.outputDir!)
    result.files.forEach((file, i) => {
      const rel = inputs[i]!.outputPath
      files.push({ target: resolve(outputDir, rel), content: file.content, shown: join(command.outputDir!, rel), within: outputDir })
    })
  }
  if (reportPath !== undefined) {
    files.push({ target: reportPath, content: `${JSON.stringify(report!, null, 2)}\n`, shown: command.report! })
  }
  await writeAll(files, io)
  if (outputDir === undefined) await (whole !== undefined ? write(io.stdout, whole) : writeChunks(io.stdout, result.chunks()))
  // --report - (allowed only with --output-dir) prints the report where the manifests would go.
  else if (command.report === '-') await write(io.stdout, `${JSON.stringify(report!, null, 2)}\n`)
  if (command.summary) await write(io.stderr, formatSummary(report!), STDERR)
  return true
}

function checkOutputPaths(paths: readonly string[]): void {
  const seen = new Set<string>()
  for (const p of paths) {
    if (seen.has(p)) throw new UsageError(`two inputs would both be written to ${p} under --output-dir; pass them separately`)
    seen.add(p)
  }
}

/**
 * Refuses a report path that would take the place of the manifests:
 * standard output without --output-dir, or a file --output-dir writes
 * (the report would silently replace that manifest). Also fails early for
 * a directory or a block device.
 */
async function checkReportPath(reportPath: string, shown: string, outputDir: string | undefined, outputPaths: readonly string[]): Promise<void> {
  const placement = await placeOutput(reportPath, shown, true)
  if (outputDir === undefined) {
    if (placement.how === 'stream' && placement.fd === 1) {
      throw new UsageError(`--report ${shown} is standard output, which holds the manifests; use --report - with --output-dir, or --summary`)
    }
    return
  }
  // The report as written (a link followed), against each output file, also where the output directory really is.
  const at = new Set([reportPath, placement.how === 'rename' ? placement.path : reportPath])
  const realDir = await realpath(outputDir).catch(() => outputDir)
  const clash = outputPaths.find(rel => at.has(resolve(outputDir, rel)) || at.has(resolve(realDir, rel)))
  if (clash !== undefined) {
    throw new UsageError(`--report ${shown} is also where --output-dir writes ${clash}; write the report elsewhere`)
  }
}
