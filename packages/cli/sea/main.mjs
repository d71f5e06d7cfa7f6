// The single executable's entry point: what bin/cmhash.js does, written for
// a CommonJS bundle (no top-level await). In a single executable,
// process.argv[1] is the name it was called by.
import { basename } from 'node:path'
import { run } from '../dist/cli.js'

process.stdout.on('error', e => {
  if (e.code !== 'EPIPE') throw e
})

run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
}, {
  program: basename(process.argv[1] ?? '').startsWith('kubectl-') ? 'kubectl cmhash' : 'cmhash',
}).then(code => {
  process.exitCode = code
}, e => {
  process.stderr.write(`cmhash: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exitCode = 70
})
