import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './_fixtures.js'

describe('the installed bin', () => {
  const bin = new URL('../bin/cmhash.js', import.meta.url).pathname
  const root = ROOT

  it('runs as `pnpm --silent cmhash` from the repository root, printing only manifests', () => {
    const out = execFileSync('pnpm', ['--silent', 'cmhash', 'build', 'examples/basic/k8s'], { cwd: root, encoding: 'utf8' })
    expect(out).toBe(readFileSync(join(root, 'examples/basic/expected.yaml'), 'utf8'))
  })

  it('sets the exit code, and says in one line when a reader stops early', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\n`).join('---\n')
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `node ${bin} build - | head -n 1`], { input: big, encoding: 'utf8' })
    expect(r.stdout).toBe('apiVersion: v1\n')
    expect(r.status).toBe(2)
    expect(r.stderr).toBe('cmhash: cannot write to standard output (EPIPE)\n')
    expect(spawnSync('node', [bin, 'build', '-'], { input: 'a: [\n', encoding: 'utf8' }).status).toBe(1)
    expect(spawnSync('node', [bin, 'nope'], { encoding: 'utf8' }).status).toBe(2)
  })

  it('exits 2 when stdout or stderr is full: one line, or (stderr) none', () => {
    const k8s = join(root, 'examples/basic/k8s')
    const full = spawnSync('sh', ['-c', `node ${bin} build -q ${k8s} > /dev/full`], { encoding: 'utf8' })
    expect(full).toMatchObject({ status: 2, stderr: 'cmhash: cannot write to standard output (ENOSPC)\n' })
    expect(spawnSync('sh', ['-c', `node ${bin} build --summary ${k8s} 2> /dev/full > /dev/null`], { encoding: 'utf8' }).status).toBe(2)
  })
})
