// A real git repository for the --git tests: the test's own directory
// (scratch.dir), with a fixed identity and no signing.
import { execFileSync } from 'node:child_process'
import { scratch } from './_fixtures.js'

/** Runs git in the test's directory and returns its stdout. */
export function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: scratch.dir, encoding: 'utf8' })
}

/** Makes the test's directory a repository (branch main) and commits what it holds. */
export function initRepo(): string {
  git('init', '-q', '-b', 'main')
  commitAll('initial')
  return scratch.dir
}

/** Stages every change and commits it. */
export function commitAll(message: string): void {
  git('add', '-A')
  git('commit', '-q', '--allow-empty', '-m', message)
}
