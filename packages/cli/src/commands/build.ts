import { resolve } from 'node:path'
import { build, changeReport, formatProblem, formatSummary, isResourceList, toJsonList, type BuildResult } from '@cmhash/core'
import { UsageError, type BuildCommand } from '../args.js'
import { readInputs } from '../inputs.js'
import { mustBe, write, writeOut, type Io } from '../io.js'
import { attributed, refuseFunctionGenerators } from './generator-files.js'
import { commandOptions, flagOptions, withFlags } from '../options.js'

/** `cmhash build`: returns false when --strict and there were warnings (nothing written). */
export async function runBuild(command: BuildCommand, io: Io): Promise<boolean> {
  let options = await commandOptions(command, io)
  const inputs = [...(options.generated ? [options.generated.input] : []), ...await readInputs(command.paths, io.cwd, io.stdin, options)]
  if (command.outputDir !== undefined) checkOutputPaths(inputs.map(i => i.outputPath))
  const stdin = inputs.find(i => i.path === '<stdin>')
  if (stdin && isResourceList(stdin.content)) {
    // A KRM function's input: its functionConfig configures the build; flags still win.
    const { configToOptions, readFunctionConfig } = await import('@cmhash/core/config')
    const fc = readFunctionConfig(stdin.content, stdin.path)
    if (fc) await refuseFunctionGenerators(fc, stdin.content, stdin.path)
    if (fc) options = withFlags({ ...options, ...configToOptions(fc) }, flagOptions(command))
  }
  const result = attributed(options.generated, () => build(inputs, options))
  const report = changeReport(result)
  if (!command.quiet) await write(io.stderr, result.warnings.map(w => `warning: ${formatProblem(w)}\n`).join(''))
  if (command.strict && result.warnings.length > 0) {
    await write(io.stderr, `cmhash: --strict: ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}; nothing was written\n`)
    return false
  }
  const stdout = command.format === 'json' ? toJsonList(result.output) : result.output
  // Check where files go before writing any, so a bad path writes nothing.
  const reportPath = command.report === undefined ? undefined : resolve(io.cwd, command.report)
  const outputDir = command.outputDir === undefined ? undefined : resolve(io.cwd, command.outputDir)
  if (reportPath !== undefined) await mustBe(reportPath, 'file-or-nothing', command.report!)
  if (outputDir !== undefined) await mustBe(outputDir, 'dir-or-nothing', command.outputDir!)
  if (outputDir === undefined) {
    await write(io.stdout, stdout)
  } else {
    await writeTree(outputDir, inputs.map(i => i.outputPath), result)
  }
  if (reportPath !== undefined) await writeOut(reportPath, `${JSON.stringify(report, null, 2)}\n`, command.report!)
  if (command.summary) await write(io.stderr, formatSummary(report))
  return true
}

function checkOutputPaths(paths: readonly string[]): void {
  const seen = new Set<string>()
  for (const p of paths) {
    if (seen.has(p)) throw new UsageError(`two inputs would both be written to ${p} under --output-dir; pass them separately`)
    seen.add(p)
  }
}

async function writeTree(dir: string, outputPaths: readonly string[], result: BuildResult): Promise<void> {
  for (const [i, file] of result.files.entries()) {
    await writeOut(resolve(dir, outputPaths[i]!), file.content, outputPaths[i]!)
  }
}
