import { formatCandidates, formatProblem, prune } from '@cmhash/core'
import type { PruneCommand } from '../args.js'
import { readInputs } from '../inputs.js'
import { STDERR, write, type Io } from '../io.js'
import { commandOptions } from '../options.js'
import { attributeErrors } from './generator-files.js'

/** `cmhash prune`: returns false when --strict and there were warnings (nothing written). */
export async function runPrune(command: PruneCommand, io: Io): Promise<boolean> {
  const options = await commandOptions(command, io)
  const live = await readInputs([command.live], io.cwd, io.stdin)
  const desired = [...(options.generated ? [options.generated.input] : []), ...await readInputs(command.paths, io.cwd, io.stdin, options)]
  const result = attributeErrors(options.generated, () => prune(live, desired, { ...options, keep: command.keep, allNamespaces: command.allNamespaces }))
  if (!command.quiet) {
    await write(io.stderr, result.warnings.map(w => `warning: ${formatProblem(w)}\n`).join('') + formatCandidates(result.candidates), STDERR)
  }
  if (command.strict && result.warnings.length > 0) {
    await write(io.stderr, `cmhash: --strict: ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}; nothing was written\n`, STDERR)
    return false
  }
  await write(io.stdout, command.output === 'names' ? result.names : result.output)
  return true
}
