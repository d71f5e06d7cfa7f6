#!/usr/bin/env node
import { basename } from 'node:path'
import { run } from '../dist/bundle/cmhash.mjs'

// Write errors reach run() through each write's callback; these listeners
// only keep Node from treating the stream's 'error' event as uncaught.
process.stdout.on('error', () => {})
process.stderr.on('error', () => {})

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
}, {
  // Installed as kubectl-cmhash too: kubectl runs it as `kubectl cmhash`.
  program: basename(process.argv[1] ?? '').startsWith('kubectl-') ? 'kubectl cmhash' : 'cmhash',
})
