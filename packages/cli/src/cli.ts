import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { CmhashError, DiffError, escapeControl, formatProblem } from '@cmhash/core'
import { UsageError, parseCommand } from './args.js'
import type { Command } from './command-types.js'
import { runBuild } from './commands/build.js'
import { helpText, named } from './help.js'
import { InputError } from './inputs.js'
import { OutputError, STDERR, write, type Io } from './io.js'
import { commandOptions } from './options.js'

export type { Io } from './io.js'

/** Exit codes, decided in exactly one place: {@link run}. */
export const EXIT = {
  ok: 0,
  /** The input is invalid (or --strict and there were warnings); nothing was written. */
  invalid: 1,
  /** cmhash diff --exit-code: a workload rolls or a Pod must be recreated. */
  rolls: 1,
  /** Bad arguments, an input that cannot be read, or an output that cannot be written. */
  usage: 2,
  /** cmhash diff: BASE or HEAD is invalid, or --strict and warnings (diff keeps 1 for "something rolls"). */
  invalidDiff: 3,
  /** A bug in cmhash. */
  internal: 70,
} as const

export interface RunOptions {
  /**
   * How the program was called, for help and usage messages: `cmhash`
   * (default), or `kubectl cmhash` when run as the kubectl plugin.
   */
  readonly program?: string
}

/**
 * Runs cmhash with `argv` (without the node and script paths) and returns the
 * exit code. Writes output only when the whole build succeeded.
 */
export async function run(argv: readonly string[], io: Io, options: RunOptions = {}): Promise<number> {
  const program = options.program ?? 'cmhash'
  let name: Command['name'] | undefined
  try {
    const command = parseCommand(argv)
    name = command.name
    switch (command.name) {
      case 'help':
        await write(io.stdout, helpText(command.topic, program))
        return EXIT.ok
      // Commands other than build are loaded when run: a build loads only what it needs.
      case 'completion':
        await write(io.stdout, (await import('./completion.js')).completionScript(command.shell))
        return EXIT.ok
      case 'version':
        await write(io.stdout, `cmhash ${version()}\n`)
        return EXIT.ok
      case 'build':
        return await runBuild(command, io) ? EXIT.ok : EXIT.invalid
      case 'prune':
        return await (await import('./commands/prune.js')).runPrune(command, io) ? EXIT.ok : EXIT.invalid
      case 'prune-kinds':
        await (await import('./commands/prune.js')).runPruneKinds(command, io)
        return EXIT.ok
      case 'diff': {
        // Each side finds its own configuration file; an explicit one is the same file for both.
        const config = command.config === undefined ? {} : { config: resolve(io.cwd, command.config) }
        const { runDiff } = await import('./commands/diff.js')
        const outcome = await runDiff(command, io.cwd, () => io.stdin, (paths, cwd, top) => commandOptions({ ...command, ...config, paths }, { ...io, cwd }, top))
        await write(io.stderr, outcome.stderr, STDERR)
        if (outcome.strictFailed) return EXIT.invalidDiff
        await write(io.stdout, outcome.stdout)
        return command.exitCode && outcome.rolls ? EXIT.rolls : EXIT.ok
      }
      case 'config-schema':
        await (await import('./commands/config.js')).runConfigSchema(io)
        return EXIT.ok
      case 'config-check':
        await (await import('./commands/config.js')).runConfigCheck(command.file, io)
        return EXIT.ok
    }
  } catch (e) {
    const { code, message } = failure(e, name, program)
    // Saying why can fail too (stderr closed or full): the exit code still says it.
    await write(io.stderr, message, STDERR).catch(() => undefined)
    return code
  }
}

/**
 * Runs cmhash as this process: its argv, streams and working directory,
 * the exit code into `process.exitCode`. Both entry points call it,
 * `bin/cmhash.js` and the single executable's `sea/main.mjs`, so they
 * behave the same (a full disk or a closed pipe: exit 2, one line).
 * Never rejects.
 */
export async function main(): Promise<void> {
  // Write errors reach run() through each write's callback; these listeners
  // only keep Node from treating the stream's 'error' event as uncaught
  // (a stack trace and exit 1, or a silent exit 1 when stderr is the one).
  process.stdout.on('error', () => {})
  process.stderr.on('error', () => {})
  try {
    // Node.js makes process.stdin when it is first used (about a
    // millisecond); a build of files never uses it.
    const io = { get stdin() { return process.stdin }, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }
    process.exitCode = await run(process.argv.slice(2), io, {
      // Installed as kubectl-cmhash too: kubectl runs it as `kubectl cmhash`.
      // (In a single executable, argv[1] is the name it was called by.)
      program: basename(process.argv[1] ?? '').startsWith('kubectl-') ? 'kubectl cmhash' : 'cmhash',
    })
  } catch (e) {
    // run() catches everything itself; this is the last line of defence.
    process.exitCode = EXIT.internal
    process.stderr.write(`cmhash: internal error: ${escapeControl(e instanceof Error ? e.message : String(e))}\n`)
  }
}

// --- internal ---

/** Set by the bundler (rolldown.config.mjs), so a bundle or a single executable knows its version without a package.json beside it. */
declare const CMHASH_VERSION: string | undefined

/** The exit code and the message for what went wrong. */
function failure(e: unknown, command: Command['name'] | undefined, program: string): { code: number; message: string } {
  if (e instanceof UsageError || e instanceof InputError || e instanceof OutputError) {
    return { code: EXIT.usage, message: `cmhash: ${escapeControl(e instanceof UsageError ? named(e.message, program) : e.message)}\n` }
  }
  if (e instanceof CmhashError) {
    const shown = e.errors.slice(0, 50)
    const more = e.errors.length > shown.length ? `cmhash: … and ${e.errors.length - shown.length} more errors\n` : ''
    const side = (i: number) => (e instanceof DiffError ? `${e.errors[i]!.side.toUpperCase()}: ` : '')
    return {
      code: command === 'diff' ? EXIT.invalidDiff : EXIT.invalid,
      message: shown.map((p, i) => `error: ${side(i)}${formatProblem(p)}\n`).join('') + more +
        `cmhash: ${e.errors.length} error${e.errors.length === 1 ? '' : 's'}; nothing was written\n`,
    }
  }
  // A bug: say so in one line; the stack only when asked for.
  const text = escapeControl(e instanceof Error ? e.message : String(e))
  const stack = process.env.CMHASH_DEBUG && e instanceof Error ? `${e.stack}\n` : ''
  return { code: EXIT.internal, message: `cmhash: internal error: ${text} (please report it; CMHASH_DEBUG=1 shows where)\n${stack}` }
}

/** The version in this package's package.json, found from wherever this module runs (dist/ or dist/bundle/). */
function version(): string {
  if (typeof CMHASH_VERSION === 'string') return CMHASH_VERSION
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
