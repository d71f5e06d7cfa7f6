import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, scratch, tree } from './_fixtures.js'

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

describe.skipIf(process.platform === 'win32')('the code cache', () => {
  const bin = new URL('../bin/cmhash.js', import.meta.url).pathname
  const k8s = join(ROOT, 'examples/basic/k8s')
  const expected = readFileSync(join(ROOT, 'examples/basic/expected.yaml'), 'utf8')
  // The chunk's first line names its cache: version and content hash.
  const [, version, hash] = /^\/\/ cmhash (\S+) build (\w+)/.exec(readFileSync(new URL('../dist/bundle/build.cjs', import.meta.url), 'utf8'))!
  const name = `build-${version}-${process.version}-${process.arch}-${hash}.v8`

  /** Runs the bin (`via` a path, with node's options) with a home and cache directory of the test's own, and nothing else from the environment. */
  function cmhash(args: string[], env: Record<string, string> = {}, via = [bin]) {
    const home = join(scratch.dir, 'home')
    const r = spawnSync('node', [...via, ...args], { cwd: scratch.dir, env: { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(scratch.dir, 'xdg'), ...env }, encoding: 'utf8' })
    return { status: r.status, stdout: r.stdout, stderr: r.stderr }
  }
  const dir = () => (process.platform === 'darwin' ? join(scratch.dir, 'home/Library/Caches/cmhash') : join(scratch.dir, 'xdg/cmhash'))
  const cacheFile = () => join(dir(), name)
  const built = { status: 0, stdout: expected, stderr: '' }

  it('is written by the first build, private to the user, and used as it is by the next', () => {
    expect(cmhash(['build', k8s])).toEqual(built)
    expect(readdirSync(dir())).toEqual([name])
    expect(statSync(dir()).mode & 0o777).toBe(0o700)
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600)
    expect(statSync(cacheFile()).size).toBeGreaterThan(100_000)
    // Accepted: a cache V8 rejects is written again, as a new file.
    const { ino, mtimeMs } = statSync(cacheFile())
    expect(cmhash(['build', k8s])).toEqual(built)
    expect(statSync(cacheFile())).toMatchObject({ ino, mtimeMs })
  })

  it('is not written by runs that compile little of a build (--version, --help, a mistake, an invalid input); they use it', () => {
    const invalid = tree({ 'bad/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: [1]}\n' })
    expect(cmhash(['build', join(invalid, 'bad')]).status).toBe(1)
    for (const args of [['--version'], ['build', '--help'], ['build'], ['biuld', k8s]]) cmhash(args)
    rmSync(join(invalid, 'bad'), { recursive: true })
    expect(readdirSync(scratch.dir)).toEqual([])
    expect(cmhash(['build', k8s])).toEqual(built)
    const { ino } = statSync(cacheFile())
    expect(cmhash(['--version'])).toEqual({ status: 0, stdout: `cmhash ${version}\n`, stderr: '' })
    expect(statSync(cacheFile()).ino).toBe(ino)
  })

  it.each([
    ['truncated', (cache: Buffer) => cache.subarray(0, cache.length >> 1)],
    // Past the headers (V8 checks its own: version, flags, length), where V8 would crash.
    ['corrupt', (cache: Buffer) => Buffer.from(cache.map((b, i) => (i > 1000 && i % 1000 === 0 ? b ^ 0xff : b)))],
    ['not a cache', () => Buffer.from('console.log("planted")\n')],
    ['empty', () => Buffer.alloc(0)],
  ])('%s: ignored and written again; the output is the same', (_, spoil: (cache: Buffer) => Buffer) => {
    cmhash(['build', k8s])
    const good = readFileSync(cacheFile())
    writeFileSync(cacheFile(), spoil(good))
    expect(cmhash(['build', k8s])).toEqual(built)
    expect(statSync(cacheFile()).size).toBeGreaterThan(good.length * 0.9)
    const { ino } = statSync(cacheFile())
    expect(cmhash(['build', k8s])).toEqual(built)
    expect(statSync(cacheFile()).ino).toBe(ino)
  })

  /** A cache with a valid checksum and damaged V8 data, which V8 would crash on: what someone else could plant. */
  function plant() {
    cmhash(['build', k8s])
    const data = Buffer.from(readFileSync(cacheFile()).subarray(32).map((b, i) => (i > 1000 && i % 1000 === 0 ? b ^ 0xff : b)))
    writeFileSync(cacheFile(), Buffer.concat([createHash('sha256').update(data).digest(), data]))
  }

  it('one that others could have written is not read, and is replaced', () => {
    plant()
    chmodSync(cacheFile(), 0o666)
    const { ino } = statSync(cacheFile())
    expect(cmhash(['build', k8s])).toEqual(built)
    expect(statSync(cacheFile()).ino).not.toBe(ino)
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600)
  })

  it('nor is one in a directory others can write, which is left alone', () => {
    plant()
    chmodSync(dir(), 0o777)
    const { ino } = statSync(cacheFile())
    expect(cmhash(['build', k8s])).toEqual(built)
    expect(statSync(cacheFile()).ino).toBe(ino)
  })

  it('a cache directory that cannot be made or written changes nothing', () => {
    tree({ 'xdg/cmhash': 'a file where the directory would be' })
    expect(cmhash(['build', k8s])).toEqual(built)
    expect(readFileSync(join(scratch.dir, 'xdg/cmhash'), 'utf8')).toBe('a file where the directory would be')
    if (process.getuid?.() === 0) return // root writes anywhere
    mkdirSync(join(scratch.dir, 'home/.cache/cmhash'), { recursive: true, mode: 0o500 })
    expect(cmhash(['build', k8s], { XDG_CACHE_HOME: '' })).toEqual(built)
    expect(readdirSync(join(scratch.dir, 'home/.cache/cmhash'))).toEqual([])
  })

  it('CMHASH_NO_CACHE=1: nothing is read or written', () => {
    expect(cmhash(['build', k8s], { CMHASH_NO_CACHE: '1' })).toEqual(built)
    expect(readdirSync(scratch.dir)).toEqual([])
    cmhash(['build', k8s])
    writeFileSync(cacheFile(), 'not a cache')
    expect(cmhash(['build', k8s], { CMHASH_NO_CACHE: '1' })).toEqual(built)
    expect(readFileSync(cacheFile(), 'utf8')).toBe('not a cache')
  })

  it('a relative XDG_CACHE_HOME is ignored (the XDG rule): ~/.cache', () => {
    expect(cmhash(['build', k8s], { XDG_CACHE_HOME: 'relative' })).toEqual(built)
    expect(readdirSync(join(scratch.dir, process.platform === 'darwin' ? 'home/Library/Caches/cmhash' : 'home/.cache/cmhash'))).toEqual([name])
  })

  it('replaces the caches of other builds of this version (a development checkout), and keeps other versions\'', () => {
    const other = name.replace(hash!, '0123456789abcdef')
    const older = name.replace(`build-${version}-`, 'build-0.0.1-')
    cmhash(['build', k8s])
    for (const f of [other, older]) copyFileSync(cacheFile(), join(dir(), f))
    writeFileSync(cacheFile(), 'stale')
    cmhash(['build', k8s])
    expect(readdirSync(dir()).sort()).toEqual([older, name].sort())
  })

  it('the lazily loaded chunks share the loaded build chunk: a configuration error is one, not an internal error', () => {
    const top = tree({ 'k/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n', 'k/cmhash.config.yaml': 'select: sometimes\n' })
    symlinkSync(join(bin, '../..'), join(top, 'linked'))
    // Compiled; from the cache a build wrote; and through a symbolic link
    // Node.js keeps in the bin's path, while require() names chunks by
    // their real paths.
    for (const [i, via] of [[bin], [bin], ['--preserve-symlinks-main', join(top, 'linked/bin/cmhash.js')]].entries()) {
      if (i === 1) expect(cmhash(['build', k8s])).toEqual(built)
      const r = cmhash(['build', join(top, 'k')], {}, via)
      expect(r.status, `run ${i}`).toBe(1)
      expect(r.stderr).toMatch(/^error: .*cmhash\.config\.yaml:1:9: INVALID_CONFIG: select must be one of/)
    }
  })

  it('the bundle is ASCII, so V8 keeps it as one byte per character', () => {
    const bundle = new URL('../dist/bundle/', import.meta.url)
    for (const f of readdirSync(bundle).filter(f => f.endsWith('js'))) expect(readFileSync(new URL(f, bundle)).every(b => b < 0x80), f).toBe(true)
  })
})
