// cmhash diff --git REF: BASE finds the configuration that applies at REF by
// build's rule (the nearest above the inputs, up to the top of the
// repository), read with git, and its generators read their files at REF,
// wherever those are; HEAD finds the work tree's. Real repositories.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { DiffResult } from '@cmhash/core'
import { ROOT, scratch } from './_fixtures.js'
import { commitAll, initRepo } from './_repo.js'
import { cli } from './_run.js'

const ENV_DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec: {template: {spec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: api-env}}]}]}}}\n'

let repo: string
beforeEach(() => {
  repo = scratch.dir
  // examples/basic/k8s without its namespaces: the configuration at the top sets them.
  cpSync(join(ROOT, 'examples/basic/k8s'), join(repo, 'k8s'), { recursive: true })
  for (const f of readdirSync(join(repo, 'k8s'))) edit(`k8s/${f}`, t => t.replaceAll(/^ {2}namespace: shop\n/gm, ''))
})

function edit(path: string, change: (text: string) => string): void {
  const before = readFileSync(join(repo, path), 'utf8')
  const after = change(before)
  expect(after, `${path} unchanged`).not.toBe(before)
  writeFileSync(join(repo, path), after)
}

function write(path: string, content: string): void {
  mkdirSync(join(repo, path, '..'), { recursive: true })
  writeFileSync(join(repo, path), content)
}

/** The diff as JSON, from `cwd` (the repository's top by default): who rolls and what changed. */
async function diffGit(args: string[], cwd = repo) {
  const r = await cli(['diff', '--exit-code', '--format', 'json', '--git', ...args], { cwd })
  expect(r.stderr).toBe('')
  const result = JSON.parse(r.stdout) as DiffResult
  return {
    code: r.code,
    configs: result.configs.map(c => `${c.kind} ${c.namespace}/${c.name}: ${[...c.keys.changed.map(k => `~${k}`), ...c.keys.added.map(k => `+${k}`), ...c.keys.removed.map(k => `-${k}`)].join(' ')}`),
    affected: result.affected.map(a => `${a.kind} ${a.namespace}/${a.name} ${a.effect}`),
    added: result.added.map(o => `${o.kind} ${o.namespace}/${o.name}`),
    removed: result.removed.map(o => `${o.kind} ${o.namespace}/${o.name}`),
  }
}
const NOTHING = { code: 0, configs: [], affected: [], added: [], removed: [] }
const LOG_LEVEL = { ...NOTHING, code: 1, configs: ['ConfigMap shop/web-config: ~LOG_LEVEL'], affected: ['Deployment shop/web rolls'] }
const debug = () => edit('k8s/config.yaml', t => t.replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'))

describe('cmhash diff --git with the configuration above the paths', () => {
  beforeEach(() => {
    write('cmhash.config.yaml', 'namespace: shop\n')
    initRepo()
  })

  it('builds BASE with it: nothing changed is "no changes"', async () => {
    expect(await diffGit(['HEAD', 'k8s/'])).toEqual(NOTHING)
    expect(await cli(['diff', '--git', 'HEAD', 'k8s/'], { cwd: repo })).toEqual({ code: 0, stdout: 'cmhash diff: no changes\n', stderr: '' })
  })

  it('reports a data change as the rename and what rolls, from the top or from below it', async () => {
    debug()
    expect(await diffGit(['HEAD', 'k8s/'])).toEqual(LOG_LEVEL)
    expect(await diffGit(['HEAD', '.'], join(repo, 'k8s'))).toEqual(LOG_LEVEL)
    const table = await cli(['diff', '--git', 'HEAD', 'k8s/'], { cwd: repo })
    expect(table.stdout).toMatch(/^ConfigMap shop\/web-config +web-config-6759426794 → web-config-6h5bbkc24d +~LOG_LEVEL +Deployment shop\/web$/m)
  })

  it('uses the configuration as it is at REF, not as it is in the work tree', async () => {
    write('cmhash.config.yaml', 'namespace: staging\n')
    const moved = await diffGit(['HEAD', 'k8s/'])
    expect(moved.removed).toHaveLength(5)
    expect(moved.removed.every(o => o.includes(' shop/'))).toBe(true)
    expect(moved.added.every(o => o.includes(' staging/'))).toBe(true)
  })

  it('names BASE\'s configuration errors by the revision', async () => {
    write('cmhash.config.yaml', 'namespace: [shop]\n')
    commitAll('break it')
    write('cmhash.config.yaml', 'namespace: shop\n')
    const r = await cli(['diff', '--exit-code', '--git', 'HEAD', 'k8s'], { cwd: repo })
    expect(r).toMatchObject({ code: 3, stdout: '' })
    expect(r.stderr).toMatch(/^error: BASE: HEAD:cmhash\.config\.yaml:1:\d+: INVALID_CONFIG: /m)
    expect(r.stderr).not.toMatch(/^error: HEAD: |cmhash-diff-/m)
  })
})

describe('cmhash diff --git naming files', () => {
  it('finds the configuration beside the files at REF', async () => {
    write('k8s/cmhash.config.yaml', 'namespace: shop\n')
    initRepo()
    const files = ['k8s/config.yaml', 'k8s/deployment.yaml', 'k8s/secret.yaml']
    expect(await diffGit(['HEAD', ...files])).toEqual(NOTHING)
    debug()
    expect(await diffGit(['HEAD', ...files])).toEqual(LOG_LEVEL)
  })

  it('follows a configuration that is a symbolic link within the repository', async () => {
    write('shared/cmhash.config.yaml', 'namespace: shop\n')
    symlinkSync('../shared/cmhash.config.yaml', join(repo, 'k8s/cmhash.config.yaml'))
    initRepo()
    expect(await diffGit(['HEAD', 'k8s/config.yaml', 'k8s/deployment.yaml', 'k8s/secret.yaml'])).toEqual(NOTHING)
  })
})

describe('cmhash diff --git with generators reading files outside the paths', () => {
  beforeEach(() => {
    write('cmhash.config.yaml', 'namespace: shop\nconfigMapGenerator:\n- name: api-env\n  envs: [env/api.env]\n')
    write('env/api.env', 'MODE=fast\n')
    write('k8s/api.yaml', ENV_DEPLOYMENT)
    initRepo()
  })

  it('reads them at REF', async () => {
    expect(await diffGit(['HEAD', 'k8s'])).toEqual(NOTHING)
    write('env/api.env', 'MODE=slow\n')
    expect(await diffGit(['HEAD', 'k8s'])).toEqual({ ...NOTHING, code: 1, configs: ['ConfigMap shop/api-env: ~MODE'], affected: ['Deployment shop/api rolls'] })
  })

  it('labels one missing at REF as BASE\'s', async () => {
    rmSync(join(repo, 'env/api.env'))
    commitAll('no env file')
    write('env/api.env', 'MODE=fast\n')
    const r = await cli(['diff', '--git', 'HEAD', 'k8s'], { cwd: repo })
    expect(r).toMatchObject({ code: 3, stdout: '' })
    expect(r.stderr).toMatch(/^error: BASE: HEAD:cmhash\.config\.yaml:4:\d+: GENERATOR_FILE: ConfigMap api-env: env\/api\.env does not exist$/m)
  })
})
