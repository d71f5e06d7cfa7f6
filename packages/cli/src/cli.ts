import { readFileSync } from 'node:fs'
import { CmhashError, escapeControl, formatProblem } from '@cmhash/core'
import { UsageError, parseCommand } from './args.js'
import { runBuild } from './commands/build.js'
import { runConfigCheck, runConfigSchema } from './commands/config.js'
import { runPrune } from './commands/prune.js'
import { BUILD_HELP, MAIN_HELP, PRUNE_HELP } from './help.js'
import { InputError } from './inputs.js'
import { OutputError, write, type Io } from './io.js'

export type { Io } from './io.js'

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
        return await runBuild(command, io) ? EXIT.ok : EXIT.invalid
      case 'prune':
        return await runPrune(command, io) ? EXIT.ok : EXIT.invalid
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
      await write(io.stderr, shown.map(p => `error: ${formatProblem(p)}\n`).join('') + more +
        `cmhash: ${e.errors.length} error${e.errors.length === 1 ? '' : 's'}; nothing was written\n`)
      return EXIT.invalid
    }
    // A bug: say so in one line; the stack only when asked for.
    await write(io.stderr, `cmhash: internal error: ${escapeControl(e instanceof Error ? e.message : String(e))} (please report it; CMHASH_DEBUG=1 shows where)\n`)
    if (process.env.CMHASH_DEBUG) await write(io.stderr, `${e instanceof Error ? e.stack : ''}\n`)
    return EXIT.internal
  }
}

// --- internal ---

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
