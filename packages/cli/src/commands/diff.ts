// cmhash diff: read BASE and HEAD (two inputs, or --git REF: the paths at a
// revision, read with git into a temporary directory, against the work
// tree), compare their builds, and format the result. Exit codes are
// decided by run() in cli.ts from what this returns.
import type { Readable } from 'node:stream'
import { formatDiffMarkdown, formatDiffTable, type DiffResult } from '@cmhash/core'
import type { DiffCommand } from '../command-types.js'
import { readAtRevision } from './diff-revision.js'
import { diffSides, readPair, type OptionsFor } from './diff-sides.js'
import { strictFailure } from '../strict.js'

/** What a diff prints, and whether anything rolls. */
export interface DiffOutcome {
  readonly stdout: string
  readonly stderr: string
  /** A workload rolls or a bare Pod must be recreated. */
  readonly rolls: boolean
  /** --strict, and HEAD's build has warnings: stdout is empty. */
  readonly strictFailed: boolean
}

/** Reads both sides, diffs them and formats the result; throws InputError or DiffError. */
export async function runDiff(command: DiffCommand, cwd: string, stdin: () => Readable, optionsFor: OptionsFor): Promise<DiffOutcome> {
  const [base, head] = command.git === undefined
    ? await readPair(command.paths[0]!, command.paths[1]!, cwd, stdin, optionsFor)
    : await readAtRevision(command.git, command.paths, cwd, stdin, optionsFor)
  const result = diffSides(base, head)
  // BASE's warnings were there before the change; HEAD's are the news. A
  // side with no files (the path is not there) is empty on purpose.
  const warnings = result.warnings.filter(w => w.side === 'head' && !(w.code === 'EMPTY_INPUT' && head.inputs.length === 0))
  const stderr = command.quiet ? '' : warnings.map(w => `warning: ${w.file === undefined ? '' : `${w.file}:${w.line}:${w.column}: `}${w.code}: ${w.message}\n`).join('')
  if (command.strict && warnings.length > 0) {
    return { stdout: '', stderr: stderr + strictFailure(warnings, 'HEAD has '), rolls: false, strictFailed: true }
  }
  return { stdout: format(result, command.format, base.label, head.label), stderr, rolls: rolls(result), strictFailed: false }
}

// --- internal ---

function format(result: DiffResult, as: DiffCommand['format'], base: string, head: string): string {
  if (as === 'json') return `${JSON.stringify(result, null, 2)}\n`
  if (as === 'markdown') return formatDiffMarkdown(result, { base, head })
  return formatDiffTable(result)
}

function rolls(result: DiffResult): boolean {
  return result.affected.some(a => a.effect === 'rolls' || a.effect === 'recreate')
}
