import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CmhashError, DiffError, escapeControl, formatProblem } from '@cmhash/core'
import { UsageError, parseCommand, type Command } from './args.js'
import { runBuild } from './commands/build.js'
import { runConfigCheck, runConfigSchema } from './commands/config.js'
import { runDiff } from './commands/diff.js'
import { runPrune, runPruneKinds } from './commands/prune.js'
import { BUILD_HELP, DIFF_HELP, MAIN_HELP, PRUNE_HELP } from './help.js'
import { InputError } from './inputs.js'
import { OutputError, write, type Io } from './io.js'
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

/**
 * Runs cmhash with `argv` (without the node and script paths) and returns the
 * exit code. Writes output only when the whole build succeeded.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let name: Command['name'] | undefined
  try {
    const command = parseCommand(argv)
    name = command.name
    switch (command.name) {
      case 'help':
        await write(io.stdout, HELP[command.topic ?? ''] ?? MAIN_HELP)
        return EXIT.ok
      case 'version':
        await write(io.stdout, `cmhash ${version()}\n`)
        return EXIT.ok
      case 'build':
        return await runBuild(command, io) ? EXIT.ok : EXIT.invalid
      case 'prune':
        return await runPrune(command, io) ? EXIT.ok : EXIT.invalid
      case 'prune-kinds':
        await runPruneKinds(command, io)
        return EXIT.ok
      case 'diff': {
        // Each side finds its own configuration file; an explicit one is the same file for both.
        const config = command.config === undefined ? {} : { config: resolve(io.cwd, command.config) }
        const outcome = await runDiff(command, io.cwd, io.stdin, (paths, cwd) => commandOptions({ ...command, ...config, paths }, { ...io, cwd }))
        await write(io.stderr, outcome.stderr)
        if (outcome.strictFailed) return EXIT.invalidDiff
        await write(io.stdout, outcome.stdout)
        return command.exitCode && outcome.rolls ? EXIT.rolls : EXIT.ok
      }
      case 'config-schema':
        await runConfigSchema(io)
        return EXIT.ok
      case 'config-check':
        await runConfigCheck(command.file, io)
        return EXIT.ok
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError || e instanceof OutputError) {
      await write(io.stderr, `cmhash: ${escapeControl(e.message)}\n`)
      return EXIT.usage
    }
    if (e instanceof CmhashError) {
      const shown = e.errors.slice(0, 50)
      const more = e.errors.length > shown.length ? `cmhash: … and ${e.errors.length - shown.length} more errors\n` : ''
      const side = (i: number) => (e instanceof DiffError ? `${e.errors[i]!.side.toUpperCase()}: ` : '')
      await write(io.stderr, shown.map((p, i) => `error: ${side(i)}${formatProblem(p)}\n`).join('') + more +
        `cmhash: ${e.errors.length} error${e.errors.length === 1 ? '' : 's'}; nothing was written\n`)
      return name === 'diff' ? EXIT.invalidDiff : EXIT.invalid
    }
    // A bug: say so in one line; the stack only when asked for.
    await write(io.stderr, `cmhash: internal error: ${escapeControl(e instanceof Error ? e.message : String(e))} (please report it; CMHASH_DEBUG=1 shows where)\n`)
    if (process.env.CMHASH_DEBUG) await write(io.stderr, `${e instanceof Error ? e.stack : ''}\n`)
    return EXIT.internal
  }
}

// --- internal ---

const HELP: Readonly<Record<string, string>> = { build: BUILD_HELP, prune: PRUNE_HELP, diff: DIFF_HELP }

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
