// The release, used as a user gets it: `pnpm release` into a temporary
// folder; the npm tarballs checked with publint and arethetypeswrong,
// installed with plain npm into an empty project, offline (from the
// tarballs, and the dependencies packed from what pnpm installed here), and
// used through both bins, from ESM, CommonJS and TypeScript; the single
// executable run with a PATH that holds no node.
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { build } from '@cmhash/core'

const root = new URL('..', import.meta.url).pathname
const { version } = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string }
const work = mkdtempSync(join(tmpdir(), 'cmhash-release-'))
const out = join(work, 'release')
const tgz = { core: join(out, `cmhash-core-${version}.tgz`), cli: join(out, `cmhash-${version}.tgz`) }
const sea = process.platform === 'linux' && process.arch === 'x64'
const expected = readFileSync(join(root, 'examples/basic/expected.yaml'), 'utf8')
/** examples/basic as one stream, for stdin. */
const stream = ['config.yaml', 'deployment.yaml'].map(f => readFileSync(join(root, 'examples/basic/k8s', f), 'utf8')).join('---\n')
// What the installed library must say, computed from the sources.
const CM = 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a}\\ndata: {k: v}\\n'
const hashed = build(JSON.parse(`"${CM}"`) as string, { select: 'all' }).renames[0]!.to

/** Runs a command and returns its stdout; a failure shows its stderr. */
function run(cmd: string, args: readonly string[], options: SpawnSyncOptions = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}\n${String(r.stderr)}${String(r.stdout)}`)
  return String(r.stdout)
}

const entries = (file: string) => run('tar', ['-tzf', file]).split('\n').filter(Boolean).sort()
const manifestOf = (file: string) => JSON.parse(run('tar', ['-xzOf', file, 'package/package.json'])) as Record<string, any>

let released = ''
beforeAll(() => {
  // dist/ is built (pnpm test builds first); building again here would
  // rewrite files other test files are reading.
  released = run('node', [join(root, 'scripts/release.mjs'), '--skip-build', '--out', out], { cwd: root })
}, 300_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('pnpm release', () => {
  it('writes every artifact and prints its size', () => {
    const files = [`cmhash-core-${version}.tgz`, `cmhash-${version}.tgz`, ...(sea ? ['cmhash-linux-x64', 'cmhash-linux-x64.tar.gz', 'plugins/cmhash.yaml'] : [])]
    for (const f of files) {
      expect(existsSync(join(out, f)), f).toBe(true)
      expect(released).toMatch(new RegExp(`^  ${f.replace(/\./g, '\\.')} +[\\d.]+ (KiB|MiB)$`, 'm'))
    }
    const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n').map(l => l.split('  '))
    for (const [sum, f] of sums) expect(createHash('sha256').update(readFileSync(join(out, f!))).digest('hex'), f).toBe(sum)
  })

  it('writes every release/ file the README and the examples name, in this version', () => {
    const docs = ['README.md', 'examples/github-actions/cmhash.yml', ...readdirSync(join(root, 'examples')).map(e => `examples/${e}/README.md`).filter(f => existsSync(join(root, f)))]
    let named = 0
    for (const doc of docs) {
      const text = readFileSync(join(root, doc), 'utf8')
      for (const [, file] of text.matchAll(/\brelease\/([\w.-]+(?:\/[\w.-]+)*\w)/g)) {
        if (!sea && file!.includes('linux')) continue
        expect(existsSync(join(out, file!)), `${doc}: release/${file}`).toBe(true)
        named++
      }
      for (const [name] of text.matchAll(/\bcmhash(-core)?-\d+\.\d+\.\d+\.tgz/g)) expect(name, doc).toMatch(new RegExp(`-${version.replace(/\./g, '\\.')}\\.tgz$`))
    }
    expect(named).toBeGreaterThan(5)
  })

  it('packs @cmhash/core with README, LICENSE, code, types and schemas, and nothing else', () => {
    const files = entries(tgz.core)
    const dist = files.filter(f => f.startsWith('package/dist/'))
    expect(files.filter(f => !f.startsWith('package/dist/'))).toEqual([
      'package/LICENSE', 'package/README.md', 'package/package.json',
      'package/schema/cmhash.config.schema.json', 'package/schema/cmhash.diff.schema.json', 'package/schema/cmhash.report.schema.json',
    ])
    expect(dist).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/config/index.js', 'package/dist/config/index.d.ts']))
    expect(dist.filter(f => !/\.(js|d\.ts)$/.test(f))).toEqual([])
  })

  it('packs cmhash as its bundle and its types, with no dependencies to install', () => {
    // The bundle's chunks are CommonJS, named by the bundler: the entry,
    // build.cjs (which the bin loads through its code cache), the lazily
    // loaded configuration, and what they share. The one ES module is the
    // package's export, over the entry: the code is there once.
    const files = entries(tgz.cli)
    expect(files.filter(f => !f.startsWith('package/dist/bundle/'))).toEqual([
      'package/LICENSE', 'package/README.md', 'package/bin/cmhash.js', 'package/bin/package.json', 'package/dist/cli.d.ts', 'package/dist/io.d.ts', 'package/package.json',
    ])
    const bundle = files.filter(f => f.startsWith('package/dist/bundle/'))
    expect(bundle).toEqual(expect.arrayContaining(['package/dist/bundle/THIRD-PARTY-LICENSES.txt', 'package/dist/bundle/cmhash.mjs',
      'package/dist/bundle/cmhash.cjs', 'package/dist/bundle/build.cjs', 'package/dist/bundle/config.cjs']))
    expect(bundle.filter(f => !f.endsWith('.cjs') && !f.endsWith('/THIRD-PARTY-LICENSES.txt'))).toEqual(['package/dist/bundle/cmhash.mjs'])
    expect(run('tar', ['-xzOf', tgz.cli, 'package/dist/bundle/cmhash.mjs'])).toBe("export { EXIT, main, run } from './cmhash.cjs'\n")
    const licences = run('tar', ['-xzOf', tgz.cli, 'package/dist/bundle/THIRD-PARTY-LICENSES.txt'])
    for (const bundled of ['yaml@', 'ajv@', 'fast-glob@', 'micromatch@']) expect(licences).toContain(`\n${bundled}`)
  })

  it.each(Object.entries(tgz))('%s: engines, exports, types and bin as published; no workspace: or catalog: range', (name, file) => {
    const pkg = manifestOf(file)
    expect(pkg.version).toBe(version)
    expect(pkg.engines).toEqual({ node: '>=20.19.0' })
    expect(pkg.exports['.'].types).toMatch(/\.d\.ts$/)
    expect(JSON.stringify(pkg)).not.toMatch(/"(workspace|catalog):/)
    if (name === 'core') expect(pkg.dependencies).toEqual({ ajv: expect.stringMatching(/^\d/), yaml: expect.stringMatching(/^\d/) })
    if (name === 'cli') {
      expect(pkg.bin).toEqual({ cmhash: './bin/cmhash.js', 'kubectl-cmhash': './bin/cmhash.js' })
      expect(pkg.dependencies).toBeUndefined()
    }
  })

  it.each(Object.entries(tgz))('%s passes publint and arethetypeswrong (an ESM-only package: Node 20.19 requires ESM)', (_, file) => {
    expect(run('pnpm', ['exec', 'publint', 'run', file, '--strict'], { cwd: root })).toContain('All good!')
    // esm-only: node10 resolution and "CommonJS must use import()" are not
    // problems for a package that needs Node 20.19, whose require() loads ESM
    // (tested below).
    run('pnpm', ['exec', 'attw', file, '--profile', 'esm-only', '--format', 'ascii'], { cwd: root })
  })
})

describe('installed with npm, offline, into an empty project', () => {
  const project = join(work, 'project')
  // An empty cache of its own and a registry that does not answer: nothing can come from the network.
  const npmEnv = {
    ...process.env, npm_config_cache: join(work, 'npm-cache'), npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false',
  }
  const node = (args: string[], input?: string) => run('node', args, { cwd: project, ...(input === undefined ? {} : { input }) })

  beforeAll(() => {
    mkdirSync(project)
    writeFileSync(join(project, 'package.json'), '{ "name": "app", "private": true }\n')
    // @cmhash/core's dependencies, packed from the copies pnpm installed:
    // npm takes a dependency from a tarball given beside the package that
    // needs it, so nothing is fetched.
    const vendor = packDependencies(join(root, 'packages/core'), join(work, 'vendor'))
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', ...vendor, tgz.core, tgz.cli], { cwd: project, env: npmEnv })
  }, 120_000)

  it('installs both bins, and they build an example', () => {
    const bin = join(project, 'node_modules/.bin')
    expect(run(join(bin, 'cmhash'), ['build', join(root, 'examples/basic/k8s')])).toBe(expected)
    expect(run(join(bin, 'kubectl-cmhash'), ['build', '-'], { input: stream })).toMatch(/cmhash\.dev\/name: /)
    expect(run(join(bin, 'kubectl-cmhash'), ['--help']).split('\n')[3]).toMatch(/^ {2}kubectl cmhash build /)
    expect(run(join(bin, 'cmhash'), ['--version'])).toBe(`cmhash ${version}\n`)
    // The configuration chunk, loaded lazily from the bundle.
    expect(run(join(bin, 'cmhash'), ['build', join(root, 'examples/generators/k8s')])).toBe(readFileSync(join(root, 'examples/generators/expected.yaml'), 'utf8'))
  })

  it('installs globally as the README says (npm install -g ./cmhash-VERSION.tgz)', () => {
    const prefix = join(work, 'global')
    run('npm', ['install', '-g', '--offline', '--prefix', prefix, tgz.cli], { cwd: work, env: npmEnv })
    expect(run(join(prefix, 'bin/cmhash'), ['build', join(root, 'examples/basic/k8s')])).toBe(expected)
    expect(run(join(prefix, 'bin/kubectl-cmhash'), ['build', '--help']).split('\n')[0]).toBe('Usage: kubectl cmhash build [options] <path>... | -')
  })

  it('exports run, main and EXIT from cmhash to ES modules', () => {
    const said = node(['--input-type=module', '-e', `
      import { run, main, EXIT } from 'cmhash'
      import { PassThrough } from 'node:stream'
      const stdout = new PassThrough()
      let text = ''
      stdout.on('data', d => { text += d })
      const code = await run(['--version'], { stdin: process.stdin, stdout, stderr: process.stderr, cwd: process.cwd() })
      console.log(code, text.trim(), typeof main, EXIT.usage)
    `])
    expect(said).toBe(`0 cmhash ${version} function 2\n`)
  })

  it('loads the library from ESM, with its config entry and schemas', () => {
    const said = node(['--input-type=module', '-e', `
      import { build, CmhashError } from '@cmhash/core'
      import { parseConfig } from '@cmhash/core/config'
      import { createRequire } from 'node:module'
      const r = build('${CM}', { select: 'all' })
      let code
      try { build('', { select: 'sometimes' }) } catch (e) { code = e instanceof CmhashError && e.code }
      const schema = createRequire(import.meta.url)('@cmhash/core/schema/cmhash.config.schema.json')
      console.log(r.renames[0].to, code, typeof parseConfig, schema.title)
    `])
    expect(said).toBe(`${hashed} INVALID_OPTION function CmhashConfig\n`)
  })

  it('loads the library from CommonJS require, with no warning', () => {
    const r = spawnSync('node', ['-e', `
      const { build, hashConfigMap } = require('@cmhash/core')
      const { configSchema } = require('@cmhash/core/config')
      console.log(build('${CM}', { select: 'all' }).renames[0].to, hashConfigMap({ data: { k: 'v' } }), configSchema.title)
    `], { cwd: project, encoding: 'utf8' })
    expect(r).toMatchObject({ status: 0, stdout: `${hashed} ${hashed.slice(2)} CmhashConfig\n`, stderr: '' })
  })

  it('type-checks from TypeScript with --strict and nodenext, as ESM and as CommonJS', () => {
    writeFileSync(join(project, 'app.mts'), `
      import { build, CmhashError, type BuildOptions, type Rename } from '@cmhash/core'
      import { parseConfig, type CmhashConfig } from '@cmhash/core/config'
      import { run, EXIT, type Io } from 'cmhash'
      const options: BuildOptions = { namespace: 'shop', select: 'all', presets: { 'argo-cd': false } }
      const renames: readonly Rename[] = build('', options).renames
      const config: CmhashConfig = parseConfig('select: all\\n', 'cmhash.config.yaml')
      const io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }
      const code: Promise<number> = run(['--version'], io, { program: 'kubectl cmhash' })
      export { renames, config, code, EXIT, CmhashError }
    `)
    writeFileSync(join(project, 'app.cts'), `
      import core = require('@cmhash/core')
      const to: string | undefined = core.build('').renames[0]?.to
      export = to
    `)
    // And a mistake is one: the types are really read.
    writeFileSync(join(project, 'wrong.mts'), `import { build } from '@cmhash/core'\nbuild('', { select: 'sometimes' })\n`)
    const tsc = spawnSync('node', [join(root, 'node_modules/typescript/bin/tsc'), '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext',
      '--target', 'es2022', '--noEmit', '--types', 'node', '--typeRoots', join(root, 'node_modules/@types'), 'app.mts', 'app.cts', 'wrong.mts'], { cwd: project, encoding: 'utf8' })
    expect(tsc.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^wrong\.mts\(2,13\): error TS2322: Type '"sometimes"' is not assignable to type 'SelectMode \| undefined'\.$/)])
  })
})

describe.skipIf(!sea)('the single executable (linux-x64)', () => {
  const exe = join(out, 'cmhash-linux-x64')
  const bin = join(work, 'path')
  const env = { PATH: bin, HOME: work }
  const cmhash = (args: string[], options: SpawnSyncOptions = {}) => spawnSync(join(bin, 'cmhash'), args, { env, encoding: 'utf8', ...options })

  beforeAll(() => {
    mkdirSync(bin)
    symlinkSync(exe, join(bin, 'cmhash'))
    symlinkSync(exe, join(bin, 'kubectl-cmhash'))
  })

  it('runs with a PATH that holds no node', () => {
    expect(spawnSync('/bin/sh', ['-c', 'command -v node'], { env }).status).not.toBe(0)
    expect(cmhash(['--version'])).toMatchObject({ status: 0, stdout: `cmhash ${version}\n`, stderr: '' })
    expect(cmhash(['build', join(root, 'examples/basic/k8s')])).toMatchObject({ status: 0, stdout: expected, stderr: '' })
    expect(cmhash(['build', '-'], { input: stream }).stdout).toMatch(/cmhash\.dev\/name: /)
    // Generators and the configuration: the chunk that the npm bundle loads lazily is inside.
    expect(cmhash(['build', join(root, 'examples/generators/k8s')]).stdout).toBe(readFileSync(join(root, 'examples/generators/expected.yaml'), 'utf8'))
    expect(cmhash(['config', 'check', join(root, 'examples/generators/k8s/cmhash.config.yaml')]).status).toBe(0)
    const wrong = cmhash(['biuld'])
    expect(wrong.status).toBe(2)
    expect(wrong.stderr).toContain('did you mean "build"?')
    expect(cmhash(['build', '-'], { input: 'a: [\n' }).status).toBe(1)
  })

  it('on a full stdout or stderr exits 2 with one line, as the npm bin does (no stack trace, no silent exit 1)', () => {
    const k8s = join(root, 'examples/basic/k8s')
    const sh = (script: string) => spawnSync('/bin/sh', ['-c', script], { env, encoding: 'utf8' })
    for (const exe of [join(bin, 'cmhash'), `${process.execPath} ${join(root, 'packages/cli/bin/cmhash.js')}`]) {
      expect(sh(`${exe} build -q ${k8s} > /dev/full`), exe).toMatchObject({ status: 2, stdout: '', stderr: 'cmhash: cannot write to standard output (ENOSPC)\n' })
      expect(sh(`${exe} build --summary ${k8s} 2> /dev/full > /dev/null`), exe).toMatchObject({ status: 2, stdout: '', stderr: '' })
    }
  })

  it('names itself kubectl cmhash when run as kubectl-cmhash', () => {
    const r = spawnSync(join(bin, 'kubectl-cmhash'), ['build', '--help'], { env, encoding: 'utf8' })
    expect(r.stdout.split('\n')[0]).toBe('Usage: kubectl cmhash build [options] <path>... | -')
  })

  it('is archived with its licences, and the krew manifest has the archive\'s sha256', () => {
    const archive = join(out, 'cmhash-linux-x64.tar.gz')
    expect(entries(archive)).toEqual(['LICENSE', 'THIRD-PARTY-LICENSES.txt', 'cmhash'])
    const unpacked = join(work, 'unpacked')
    mkdirSync(unpacked)
    execFileSync('tar', ['-xzf', archive, '-C', unpacked])
    expect(readFileSync(join(unpacked, 'cmhash')).equals(readFileSync(exe))).toBe(true)
    expect(readFileSync(join(unpacked, 'THIRD-PARTY-LICENSES.txt'), 'utf8')).toMatch(/\nyaml@[\s\S]*\nNode\.js v\d+/)
    const manifest = parse(readFileSync(join(out, 'plugins/cmhash.yaml'), 'utf8'))
    expect(manifest).toMatchObject({ apiVersion: 'krew.googlecontainertools.github.com/v1alpha2', kind: 'Plugin', metadata: { name: 'cmhash' }, spec: { version: `v${version}` } })
    const [platform] = manifest.spec.platforms
    expect(platform.selector.matchLabels).toEqual({ os: 'linux', arch: 'amd64' })
    expect(platform.sha256).toBe(createHash('sha256').update(readFileSync(archive)).digest('hex'))
    expect(basename(new URL(platform.uri).pathname)).toBe('cmhash-linux-x64.tar.gz')
    expect(platform.bin).toBe('cmhash')
    for (const f of platform.files) expect(readdirSync(unpacked)).toContain(f.from)
  })
})

/**
 * Packs the dependencies of the package in `dir`, and theirs, from the
 * copies pnpm installed, as tarballs npm can install; returns their paths.
 */
function packDependencies(dir: string, into: string): string[] {
  mkdirSync(into, { recursive: true })
  const packed = new Map<string, string>()
  const visit = (from: string) => {
    const { dependencies = {} } = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
    for (const name of Object.keys(dependencies)) {
      const found = realpathSync(nodeModule(from, name))
      if (packed.has(found)) continue
      const { version: v } = JSON.parse(readFileSync(join(found, 'package.json'), 'utf8')) as { version: string }
      const file = join(into, `${name.replace('/', '-')}-${v}.tgz`)
      execFileSync('tar', ['-czf', file, '--exclude=node_modules', '-C', dirname(found), basename(found)])
      packed.set(found, file)
      visit(found)
    }
  }
  visit(dir)
  return [...packed.values()]
}

/** Where Node would find package `name` from `dir`: the nearest node_modules/name above it. */
function nodeModule(dir: string, name: string): string {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name)
    if (existsSync(candidate)) return candidate
    if (dirname(d) === d) throw new Error(`${name} is not installed above ${dir}`)
  }
}
