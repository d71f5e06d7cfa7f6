import { formatCandidates, formatProblem, prune, pruneKinds } from '@cmhash/core'
import type { PruneCommand, PruneKindsCommand } from '../command-types.js'
import { readInputs } from '../inputs.js'
import { STDERR, write, type Io } from '../io.js'
import { commandOptions } from '../options.js'
import { attributeErrors } from './generator-files.js'
import { listLiveWithKubectl } from './kubectl-live.js'
import { strictFailure } from '../strict.js'

/** `cmhash prune`: returns false when --strict and there were warnings (nothing written). */
export async function runPrune(command: PruneCommand, io: Io): Promise<boolean> {
  const options = await commandOptions(command, io)
  const desired = [...(options.generated ? [options.generated.input] : []), ...await readInputs(command.paths, io.cwd, () => io.stdin, options)]
  let live
  let liveKinds
  let notes = ''
  if (command.live.from === 'kubectl') {
    // The kinds of the desired input too: a custom resource whose pod spec build rewrites.
    const kinds = attributeErrors(options.generated, () => pruneKinds(options, desired))
    const listed = await listLiveWithKubectl(kinds, {
      ...(command.live.context !== undefined ? { context: command.live.context } : {}),
      ...(command.namespace !== undefined && !command.allNamespaces ? { namespace: command.namespace } : {}),
    })
    live = listed.inputs
    liveKinds = listed.liveKinds
    notes = `cmhash: listed the live state with ${listed.calls.length} kubectl calls; not served by this cluster (so none exist): ${listed.notServed.length === 0 ? 'none' : listed.notServed.map(k => k.resource).join(', ')}\n`
  } else {
    // A bound of its own: an export of a whole cluster is far larger than the manifests.
    live = await readInputs([command.live.path], io.cwd, () => io.stdin, { maxInputBytes: command.maxInput })
    liveKinds = command.live.kinds
  }
  const result = attributeErrors(options.generated, () => prune(live, desired, { ...options, keep: command.keep, allNamespaces: command.allNamespaces, liveKinds }))
  if (!command.quiet) {
    const hint = result.warnings.some(w => w.code === 'INCOMPLETE_LIVE_STATE')
      ? 'cmhash: name what your export holds with --live-kinds (cmhash prune --print-kinds lists what prune needs), or let cmhash list it: --kubectl\n'
      : ''
    await write(io.stderr, notes + result.warnings.map(w => `warning: ${formatProblem(w)}\n`).join('') + hint + formatCandidates(result.candidates), STDERR)
  }
  if (command.strict && result.warnings.length > 0) {
    await write(io.stderr, strictFailure(result.warnings), STDERR)
    return false
  }
  await write(io.stdout, command.output === 'names' ? result.names : result.output)
  return true
}

/**
 * `cmhash prune --print-kinds [<path>...]`: every resource prune needs for
 * those desired manifests, comma-separated, as `kubectl get` takes them.
 */
export async function runPruneKinds(command: PruneKindsCommand, io: Io): Promise<void> {
  const options = await commandOptions(command, io)
  const desired = [...(options.generated ? [options.generated.input] : []), ...await readInputs(command.paths, io.cwd, () => io.stdin, options)]
  const kinds = attributeErrors(options.generated, () => desired.length === 0 ? pruneKinds(options) : pruneKinds(options, desired))
  await write(io.stdout, `${kinds.map(k => k.resource).join(',')}\n`)
}
