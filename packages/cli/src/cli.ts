import { mkdir, stat, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { readFileSync } from 'node:fs'
import type { Readable, Writable } from 'node:stream'
import {
  build, changeReport, CmhashError, CONFIG_FILE_NAMES, formatProblem, formatSummary, GITOPS_ANNOTATIONS, prune, toJsonList,
  type BuildOptions, type BuildResult, type PruneCandidate,
} from '@cmhash/core'
import { BUILD_HELP, MAIN_HELP, PRUNE_HELP, UsageError, parseCommand, type BuildCommand, type PruneCommand } from './args.js'
import { InputError, findConfig, readInputs, readText, type ReadOptions } from './inputs.js'
import { attributeErrors, attributed, readGenerated, refuseFunctionGenerators, type Generated } from './generator-files.js'

/** The process around the CLI, injected so tests can drive it in-process. */
export interface Io {
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
  readonly cwd: string
}

/** Exit codes, decided in exactly one place: {@link run}. */
export const EXIT = {
  ok: 0,
  /** The input is invalid (or --strict and there were warnings); nothing was written. */
  invalid: 1,
  /** Bad arguments, an input that cannot be read, or an output that cannot be written. */
  usage: 2,
  /** A bug in cmhash. */
  internal: 70,
} as const

/** A file or directory that cannot be written; exit code 2. */
class OutputError extends Error {
  override readonly name = 'OutputError'
}

/**
 * Runs cmhash with `argv` (without the node and script paths) and returns the
 * exit code. Writes output only when the whole build succeeded.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const command = parseCommand(argv)
    switch (command.name) {
      case 'help':
        await write(io.stdout, command.topic === 'build' ? BUILD_HELP : command.topic === 'prune' ? PRUNE_HELP : MAIN_HELP)
        return EXIT.ok
      case 'version':
        await write(io.stdout, `cmhash ${version()}\n`)
        return EXIT.ok
      case 'build':
        return await runBuild(command, io)
      case 'prune':
        return await runPrune(command, io)
      case 'config-schema': {
        const { configSchema } = await import('@cmhash/core/config')
        await write(io.stdout, `${JSON.stringify(configSchema, null, 2)}\n`)
        return EXIT.ok
      }
      case 'config-check': {
        const { configToOptions, parseConfig } = await import('@cmhash/core/config')
        const file = command.file ?? await findConfig(['.'], io.cwd, CONFIG_FILE_NAMES)
        if (!file) throw new InputError(`no ${CONFIG_FILE_NAMES.join(', ')} here; name the file: cmhash config check FILE`)
        const text = await readText(file, io.cwd)
        const { generators } = configToOptions(parseConfig(text, file))
        // Generators are valid when their files are there and make valid objects.
        if (generators) await readGenerated(file, text, generators, io.cwd)
        await write(io.stdout, `${file}: valid\n`)
        return EXIT.ok
      }
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError || e instanceof OutputError) {
      await write(io.stderr, `cmhash: ${e.message}\n`)
      return EXIT.usage
    }
    if (e instanceof CmhashError) {
      const shown = e.errors.slice(0, 50)
      const more = e.errors.length > shown.length ? `cmhash: … and ${e.errors.length - shown.length} more errors\n` : ''
      await write(io.stderr, shown.map(p => `error: ${formatProblem(p)}\n`).join('') + more +
        `cmhash: ${e.errors.length} error${e.errors.length === 1 ? '' : 's'}; nothing was written\n`)
      return EXIT.invalid
    }
    // A bug: say so in one line; the stack only when asked for.
    await write(io.stderr, `cmhash: internal error: ${e instanceof Error ? e.message : String(e)} (please report it; CMHASH_DEBUG=1 shows where)\n`)
    if (process.env.CMHASH_DEBUG) await write(io.stderr, `${e instanceof Error ? e.stack : ''}\n`)
    return EXIT.internal
  }
}

// --- internal ---

async function runBuild(command: BuildCommand, io: Io): Promise<number> {
  let options = await buildOptions(command, io)
  const inputs = [...(options.generated ? [options.generated.input] : []), ...await readInputs(command.paths, io.cwd, io.stdin, options)]
  if (command.outputDir !== undefined) checkOutputPaths(inputs.map(i => i.outputPath))
  const resourceList = inputs.find(i => i.path === '<stdin>' && i.content.includes('ResourceList'))
  if (resourceList) {
    // A KRM function's input: its functionConfig configures the build; flags still win.
    const { configToOptions, readFunctionConfig } = await import('@cmhash/core/config')
    const fc = readFunctionConfig(resourceList.content, resourceList.path)
    if (fc) refuseFunctionGenerators(fc, resourceList.content, resourceList.path)
    if (fc) options = { ...options, ...configToOptions(fc), ...flagOptions(command) }
  }
  const result = attributed(options.generated, () => build(inputs, options))
  const report = changeReport(result)
  if (!command.quiet) await write(io.stderr, result.warnings.map(w => `warning: ${formatProblem(w)}\n`).join(''))
  if (command.strict && result.warnings.length > 0) {
    await write(io.stderr, `cmhash: --strict: ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}; nothing was written\n`)
    return EXIT.invalid
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
  return EXIT.ok
}

/** The options the command line sets (they win over configuration). */
function flagOptions(command: Omit<BuildCommand, 'name'> | Omit<PruneCommand, 'name'>): BuildOptions & ReadOptions {
  return {
    ...(command.namespace !== undefined ? { namespace: command.namespace } : {}),
    ...(command.select !== undefined ? { select: command.select } : {}),
    ...(command.include !== undefined ? { include: command.include } : {}),
    ...(command.exclude !== undefined ? { exclude: command.exclude } : {}),
    ...('gitops' in command && command.gitops !== undefined ? { annotations: GITOPS_ANNOTATIONS[command.gitops] } : {}),
  }
}

async function runPrune(command: PruneCommand, io: Io): Promise<number> {
  const options = await buildOptions(command, io)
  const live = await readInputs([command.live], io.cwd, io.stdin)
  const desired = [...(options.generated ? [options.generated.input] : []), ...await readInputs(command.paths, io.cwd, io.stdin, options)]
  const result = attributeErrors(options.generated, () => prune(live, desired, { ...options, keep: command.keep, allNamespaces: command.allNamespaces }))
  if (!command.quiet) {
    await write(io.stderr, result.warnings.map(w => `warning: ${formatProblem(w)}\n`).join('') + candidateTable(result.candidates))
  }
  if (command.strict && result.warnings.length > 0) {
    await write(io.stderr, `cmhash: --strict: ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}; nothing was written\n`)
    return EXIT.invalid
  }
  await write(io.stdout, command.output === 'names' ? result.names : result.output)
  return EXIT.ok
}

function candidateTable(candidates: readonly PruneCandidate[]): string {
  if (candidates.length === 0) return 'cmhash: no managed ConfigMaps or Secrets in the live state\n'
  const rows = [['KIND', 'NAMESPACE', 'NAME', 'VERDICT', 'WHY'],
    ...candidates.map(c => [c.kind, c.namespace, c.name, c.verdict, c.reasons.join('; ')])]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map(r => r[i]!.length)))
  return rows.map(r => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n'
}

/** Options from the configuration file (if any), overridden by the command line. */
async function buildOptions(command: Omit<BuildCommand, 'name'> | Omit<PruneCommand, 'name'>, io: Io): Promise<BuildOptions & ReadOptions & { generated?: Generated }> {
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
  const options = { ...configToOptions(parseConfig(text, file)), ...flags }
  if (!options.generators) return options
  const generated = await readGenerated(file, text, options.generators, io.cwd, options.namespace)
  return { ...options, generated, skip: generated.sources, allowEmpty: true }
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

async function writeOut(target: string, content: string, shown: string): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, content)
  } catch (e) {
    throw new OutputError(`${shown}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
}

/** Fails early when an output path is of the wrong kind. */
async function mustBe(path: string, what: 'file-or-nothing' | 'dir-or-nothing', shown: string): Promise<void> {
  const info = await stat(path).catch(() => undefined)
  if (!info) return
  if (what === 'file-or-nothing' && info.isDirectory()) throw new OutputError(`${shown}: is a directory; --report needs a file`)
  if (what === 'dir-or-nothing' && !info.isDirectory()) throw new OutputError(`${shown}: exists and is not a directory; --output-dir needs a directory`)
}

/** Writes all of `text`; a reader that went away (`| head`) is not an error. */
function write(stream: Writable, text: string): Promise<void> {
  if (text.length === 0) return Promise.resolve()
  return new Promise((done, fail) => {
    stream.write(text, e => {
      if (!e || (e as NodeJS.ErrnoException).code === 'EPIPE') done()
      else fail(e)
    })
  })
}

/** The version in this package's package.json, found from wherever this module runs (dist/ or dist/bundle/). */
function version(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version: string }
      if (pkg.name === 'cmhash') return pkg.version
    } catch {
      // not here; look one folder up
    }
    if (dir.pathname === '/') return 'unknown'
  }
}
