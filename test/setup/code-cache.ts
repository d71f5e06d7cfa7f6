// The CLI's code cache (bin/cmhash.js) goes to a directory of this run's
// own, not the user's: the tests write nothing into the home directory, and
// a cache made by whichever test ran the bin first (V8 keeps what that run
// compiled) does not stay behind to slow the user's own runs.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'cmhash-test-cache-'))
  process.env.XDG_CACHE_HOME = dir
  return () => rmSync(dir, { recursive: true, force: true })
}
