// Hostile and odd input, through the real `cmhash` process: for each, a
// clear outcome (the exit code), a message with file and line, no stack
// trace, and nothing partial on stdout.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { writeEstate } from '../scripts/bench/estate.mjs'

const bin = new URL('../packages/cli/bin/cmhash.js', import.meta.url).pathname
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {k: v}\n'
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: app}}]}]}\n'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmhash-hostile-'))
})

interface Run { status: number | null; stdout: string; stderr: string; seconds: number }

function cmhash(args: string[], input?: string | Buffer, cwd = dir): Run {
  const started = process.hrtime.bigint()
  const r = spawnSync('node', [bin, ...args], { cwd, input, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 170_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }
}

function file(name: string, content: string | Buffer): string {
  mkdirSync(join(dir, name, '..'), { recursive: true })
  writeFileSync(join(dir, name), content)
  return name
}

/** Failed cleanly: the exit code, a located message, no stack trace, nothing on stdout. */
function failsCleanly(r: Run, code: number, message: RegExp): void {
  expect(r.status).toBe(code)
  expect(r.stdout).toBe('')
  expect(r.stderr).toMatch(message)
  expect(r.stderr).not.toMatch(/^\s+at /m)
}

describe('hostile input', () => {
  it('alias bomb: refused within the alias bound', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`)
    const r = cmhash(['build', file('bomb.yaml', `apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\nx:\n${levels.map(l => `  ${l}`).join('\n')}\nspec:\n  containers: [{name: c, image: i}]\n  volumes: *l8\n`)])
    failsCleanly(r, 1, /^error: bomb\.yaml:\d+:\d+: ALIAS_LIMIT: /m)
  })

  // One container with M env references, anchored once and aliased N times:
  // the work grows with N×M although the file is small. goyaml (kubectl, the
  // API server) refuses such a document; cmhash applies the same rule
  // before walking anything, and reads what kubectl reads.
  const amplified = (n: number, m: number) => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v}\n---\n' +
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - &c\n        name: c\n        image: x\n        env:\n' +
    Array.from({ length: m }, (_, i) => `        - {name: E${i}, valueFrom: {configMapKeyRef: {name: cfg, key: k}}}\n`).join('') +
    `      initContainers: [${Array(n).fill('*c').join(', ')}]\n`

  it.each([[3000, 3000], [150, 150], [4, 30_000], [100_000, 1]])('alias amplification %i×%i: refused fast, as kubectl refuses it', (n, m) => {
    const r = cmhash(['build', file('amp.yaml', amplified(n, m))])
    failsCleanly(r, 1, /^error: amp\.yaml:\d+:\d+: ALIAS_LIMIT: YAML aliases expand this document too far/m)
    expect(r.seconds).toBeLessThan(30)
  })

  it.each([[100, 100], [10, 4000]])('alias amplification %i×%i, which kubectl reads: built', (n, m) => {
    const r = cmhash(['build', file('amp.yaml', amplified(n, m))])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('name: cfg-')
  })

  it('deep nesting, flow and block: refused as malformed, one error each', () => {
    failsCleanly(cmhash(['build', file('flow.yaml', `a: ${'['.repeat(20000)}\n`)]), 1, /^error: flow\.yaml:1:\d+: YAML_SYNTAX: malformed YAML: the YAML nests too deeply to read/m)
    let block = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\nx:\n'
    for (let i = 1; i <= 3000; i++) block += `${'  '.repeat(i)}k:\n`
    const r = cmhash(['build', file('block.yaml', block)])
    failsCleanly(r, 1, /^error: block\.yaml:\d+:\d+: YAML_SYNTAX: /m)
    expect(r.stderr.match(/^error:/gm)).toHaveLength(1)
  })

  it('a 100 MB input: built in bounded time and memory', () => {
    const estate = writeEstate(join(dir, 'big'), 58_000)
    expect(estate.bytes).toBeGreaterThan(100e6)
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'node', bin, 'build', estate.manifests], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'], timeout: 170_000 })
    expect(r.status).toBe(0)
    const peakMB = Number(r.stderr.trim().split('\n').pop()) / 1024
    expect(peakMB).toBeLessThan(3000)
    rmSync(join(dir, 'big'), { recursive: true, force: true })
  }, 200_000)

  it('invalid UTF-8: refused with file, line and column', () => {
    failsCleanly(cmhash(['build', file('latin1.yaml', Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\ndata: {k: caf'), Buffer.from([0xe9]), Buffer.from('}\n')]))]), 2,
      /^cmhash: latin1\.yaml:3:14: not valid UTF-8 text \(byte 44\)$/m)
  })

  it('a byte-order mark: read, dropped from the output, hashed as without it', () => {
    const withBom = cmhash(['build', file('bom.yaml', `\ufeff${CM}---\n${POD}`)])
    const without = cmhash(['build', file('plain.yaml', `${CM}---\n${POD}`)])
    expect(withBom.status).toBe(0)
    expect(withBom.stdout).toBe(without.stdout)
    expect(withBom.stdout.charCodeAt(0)).not.toBe(0xfeff)
  })

  it('CRLF line ends: built, CRLF kept', () => {
    const r = cmhash(['build', file('crlf.yaml', `${CM}---\n${POD}`.replaceAll('\n', '\r\n'))])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('immutable: true\r\n')
  })

  it('tabs as indentation: refused as malformed, with the line', () => {
    failsCleanly(cmhash(['build', file('tabs.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: app\n')]), 1, /^error: tabs\.yaml:4:\d+: YAML_SYNTAX: /m)
  })

  it('duplicate keys: refused, with the line', () => {
    failsCleanly(cmhash(['build', file('dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\ndata: {k: w}\n')]), 1, /^error: dup\.yaml:5:1: YAML_SYNTAX: malformed YAML: the key data is in this map twice/m)
  })

  it.each([
    ['yes', 'a boolean'], ['on', 'a boolean'], ['0755', 'an integer'], ['1e3', 'a number'], ['8080', 'an integer'], ['~', 'empty (null)'],
  ])('YAML 1.1 value %s as data: refused, saying Kubernetes reads it as %s', (value, what) => {
    failsCleanly(cmhash(['build', file('v.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: ${value}\n`)]), 1,
      new RegExp(`^error: v\\.yaml:5:\\d+: DATA_NOT_STRING: ConfigMap default/a: data\\["k"\\] is (read by Kubernetes as )?${what.replace(/[()]/g, '\\$&')}`, 'm'))
  })

  it('--- inside a block scalar: kept as content when indented; a document break at column 0', () => {
    const inside = cmhash(['build', file('inside.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  notes: |\n    one\n    ---\n    two\n---\n${POD}`)])
    expect(inside.status).toBe(0)
    expect(inside.stdout).toContain('    one\n    ---\n    two\n')
    expect(inside.stdout).toMatch(/name: app-[a-z0-9]{10}/)
    const outside = cmhash(['build', file('outside.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  notes: |\n    one\n---\n    two\n')])
    expect(outside.status).toBe(0)
    expect(outside.stderr).toMatch(/^warning: outside\.yaml:8:5: NOT_A_RESOURCE: /m)
  })

  it('documents that are not Kubernetes objects: passed through with a warning; kustomization files skipped in directories', () => {
    file('chart/values.yaml', 'replicaCount: 2\nimage: {tag: "1.0"}\n')
    file('chart/kustomization.yaml', 'resources: [cm.yaml, values.yaml]\n')
    file('chart/cm.yaml', CM)
    const r = cmhash(['build', 'chart'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`${CM}---\nreplicaCount: 2\nimage: {tag: "1.0"}\n`)
    expect(r.stderr).toMatch(/^warning: chart\/values\.yaml:1:1: NOT_A_RESOURCE: /m)
  })

  it('a symbolic-link loop in the input directory: every file read once', () => {
    file('d/cm.yaml', CM)
    file('d/pod.yaml', POD)
    symlinkSync('..', join(dir, 'd/up'))
    const r = cmhash(['build', 'd'])
    expect(r.status).toBe(0)
    expect(r.stdout.match(/kind: ConfigMap/g)).toHaveLength(1)
  })

  it('unreadable inputs: a FIFO in a directory is skipped; a dangling link named on the command line is refused', () => {
    file('e/cm.yaml', CM)
    spawnSync('mkfifo', [join(dir, 'e/pipe.yaml')])
    expect(cmhash(['build', 'e']).status).toBe(0)
    symlinkSync('/nonexistent/file.yaml', join(dir, 'gone.yaml'))
    failsCleanly(cmhash(['build', 'gone.yaml']), 2, /^cmhash: gone\.yaml: no such file or directory$/m)
  })

  it('a directory with no manifests: refused', () => {
    file('docs/README.md', '# docs\n')
    failsCleanly(cmhash(['build', 'docs']), 2, /^cmhash: docs: no \.yaml, \.yml or \.json files in this directory$/m)
  })

  it('empty stdin: nothing to print, a warning, exit 0 (1 with --strict)', () => {
    const r = cmhash(['build', '-'], '')
    expect(r).toMatchObject({ status: 0, stdout: '' })
    expect(r.stderr).toBe('warning: EMPTY_INPUT: the input holds no Kubernetes objects\n')
    expect(cmhash(['build', '--strict', '-'], '').status).toBe(1)
  })

  // Output that did not arrive is a failure: a closed pipe, a full disk.
  it('stdout closed early (| head): exit 2, one line, no stack trace', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\n`).join('---\n')
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `node ${bin} build - | head -n 1`], { input: big, encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('apiVersion: v1\n')
    expect(r.stderr).toBe('cmhash: cannot write to standard output (EPIPE)\n')
  })

  it('stdout or stderr on a full disk: exit 2, one line, no stack trace', () => {
    file('in.yaml', `${CM}---\n${POD}`)
    const full = spawnSync('bash', ['-c', `node ${bin} build -q in.yaml > /dev/full`], { cwd: dir, encoding: 'utf8' })
    expect(full.status).toBe(2)
    expect(full.stderr).toBe('cmhash: cannot write to standard output (ENOSPC)\n')
    // A warning that cannot be shown fails the run too; nothing reaches stdout.
    file('warn.yaml', POD)
    const warned = spawnSync('bash', ['-c', `node ${bin} build warn.yaml 2> /dev/full`], { cwd: dir, encoding: 'utf8' })
    expect(warned.status).toBe(2)
    expect(warned.stdout).toBe('')
  })
})
