#!/usr/bin/env node
import { basename } from 'node:path'
import { run } from '../dist/bundle/cmhash.mjs'

// A reader that goes away early (`cmhash build k8s | head`) is not an error.
process.stdout.on('error', e => {
  if (e.code !== 'EPIPE') throw e
})

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
}, {
  // Installed as kubectl-cmhash too: kubectl runs it as `kubectl cmhash`.
  program: basename(process.argv[1] ?? '').startsWith('kubectl-') ? 'kubectl cmhash' : 'cmhash',
})
