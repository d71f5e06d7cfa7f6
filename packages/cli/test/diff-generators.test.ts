// cmhash diff with a configuration's generators: each side's generated
// ConfigMaps and Secrets are its first input, made from its own
// configuration and its own files, as build makes them; a generator that
// fails is labelled with its side.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DiffResult } from '@cmhash/core'
import { ROOT, scratch } from './_fixtures.js'
import { commitAll, initRepo } from './_repo.js'
import { cli } from './_run.js'

const EXAMPLE = join(ROOT, 'examples/generators/k8s')

/** examples/generators/k8s copied to each of `names` under the test's directory. */
function copies(...names: string[]): string[] {
  return names.map(name => {
    cpSync(EXAMPLE, join(scratch.dir, name), { recursive: true })
    return join(scratch.dir, name)
  })
}

function edit(path: string, change: (text: string) => string): void {
  const before = readFileSync(path, 'utf8')
  const after = change(before)
  expect(after, `${path} unchanged`).not.toBe(before)
  writeFileSync(path, after)
}

/** What changed and who rolls, as a case spells it out. */
function verdict(r: DiffResult) {
  return {
    configs: r.configs.map(c => `${c.kind} ${c.namespace}/${c.name}: ${[...c.keys.changed.map(k => `~${k}`), ...c.keys.added.map(k => `+${k}`), ...c.keys.removed.map(k => `-${k}`)].join(' ')}`),
    affected: r.affected.map(a => `${a.kind} ${a.namespace}/${a.name} ${a.effect}`),
    added: r.added.map(o => `${o.kind} ${o.name}`),
    removed: r.removed.map(o => `${o.kind} ${o.name}`),
  }
}
const NOTHING = { configs: [], affected: [], added: [], removed: [] }

describe('cmhash diff BASE HEAD with generators', () => {
  it.each<[string, (head: string) => void, ReturnType<typeof verdict>]>([
    ['an env file a configMapGenerator reads', head => edit(join(head, 'app.env'), t => t.replace('LOG_LEVEL=info', 'LOG_LEVEL=debug')),
      { ...NOTHING, configs: ['ConfigMap shop/web-env: ~LOG_LEVEL'], affected: ['Deployment shop/web rolls'] }],
    ['a file a configMapGenerator reads', head => edit(join(head, 'nginx.conf'), t => `${t}# changed\n`),
      { ...NOTHING, configs: ['ConfigMap shop/web-nginx: ~default.conf'], affected: ['Deployment shop/web rolls'] }],
    ['a secretGenerator literal in the configuration', head => edit(join(head, 'cmhash.config.yaml'), t => t.replace('API_TOKEN=not-a-real-token', 'API_TOKEN=MARKER')),
      { ...NOTHING, configs: ['Secret shop/web-api: ~API_TOKEN'], affected: ['Deployment shop/web rolls'] }],
    ['a generator added', head => edit(join(head, 'cmhash.config.yaml'), t => `${t}- name: extra\n  namespace: shop\n  literals: [k=v]\n`),
      { ...NOTHING, added: ['Secret extra'] }],
    ['nothing', () => undefined, NOTHING],
  ])('reports a change to %s, and --exit-code exits 1 when something rolls', async (_name, change, expected) => {
    const [base, head] = copies('base', 'head') as [string, string]
    change(head)
    const r = await cli(['diff', '--exit-code', '--format', 'json', base, head])
    expect(r.stderr).toBe('')
    expect(verdict(JSON.parse(r.stdout) as DiffResult)).toEqual(expected)
    expect(r.code).toBe(expected.affected.length > 0 ? 1 : 0)
    expect(r.stdout).not.toContain('MARKER')
  })

  it('says "no changes" for the same generated objects, and what rolls in the table', async () => {
    const [base, head] = copies('base', 'head') as [string, string]
    expect(await cli(['diff', base, head])).toEqual({ code: 0, stdout: 'cmhash diff: no changes\n', stderr: '' })
    edit(join(head, 'app.env'), t => t.replaceAll('=', '=changed-'))
    const r = await cli(['diff', '-q', '--exit-code', base, head])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^ConfigMap shop\/web-env +web-env-[a-z0-9]{10} → web-env-[a-z0-9]{10} +~FEATURE_CHECKOUT ~LOG_LEVEL +Deployment shop\/web$/m)
  })

  it('labels a generator\'s errors with its side, and points build errors about generated objects at the generator', async () => {
    const [good, broken] = copies('good', 'broken') as [string, string]
    rmSync(join(broken, 'app.env'))
    const missing = new RegExp(`^error: (BASE|HEAD): ${broken}/cmhash\\.config\\.yaml:\\d+:\\d+: GENERATOR_FILE: ConfigMap shop/web-env: `, 'm')
    for (const [base, head, side] of [[good, broken, 'HEAD'], [broken, good, 'BASE']] as const) {
      const r = await cli(['diff', '--exit-code', base, head])
      expect(r).toMatchObject({ code: 3, stdout: '' })
      expect(r.stderr).toMatch(missing)
      expect(r.stderr.match(/^error: (\w+): /m)?.[1]).toBe(side)
    }
    writeFileSync(join(good, 'dup.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web-env, namespace: shop}\ndata: {a: b}\n')
    const dup = await cli(['diff', EXAMPLE, good])
    expect(dup.code).toBe(3)
    expect(dup.stderr).toMatch(new RegExp(`^error: HEAD: ${good}/dup\\.yaml:1:1: DUPLICATE_RESOURCE: ConfigMap shop/web-env is defined twice: here and by configMapGenerator\\[1\\] at ${good}/cmhash\\.config\\.yaml:\\d+$`, 'm'))
  })
})

describe('cmhash diff --git with generators', () => {
  it('builds BASE with the generated objects of the configuration and files at REF', async () => {
    cpSync(EXAMPLE, join(scratch.dir, 'k8s'), { recursive: true })
    const repo = initRepo()
    const json = async () => {
      const r = await cli(['diff', '--exit-code', '--format', 'json', '--git', 'HEAD', 'k8s/'], { cwd: repo })
      expect(r.stderr).toBe('')
      return { code: r.code, verdict: verdict(JSON.parse(r.stdout) as DiffResult) }
    }
    expect(await json()).toEqual({ code: 0, verdict: NOTHING })
    edit(join(repo, 'k8s/app.env'), t => t.replace('LOG_LEVEL=info', 'LOG_LEVEL=debug'))
    expect(await json()).toEqual({ code: 1, verdict: { ...NOTHING, configs: ['ConfigMap shop/web-env: ~LOG_LEVEL'], affected: ['Deployment shop/web rolls'] } })
  })

  it('labels BASE\'s generator errors with the revision', async () => {
    cpSync(EXAMPLE, join(scratch.dir, 'k8s'), { recursive: true })
    rmSync(join(scratch.dir, 'k8s/app.env'))
    const repo = initRepo()
    cpSync(join(EXAMPLE, 'app.env'), join(repo, 'k8s/app.env'))
    const r = await cli(['diff', '--exit-code', '--git', 'HEAD', 'k8s'], { cwd: repo })
    expect(r).toMatchObject({ code: 3, stdout: '' })
    expect(r.stderr).toMatch(/^error: BASE: HEAD:k8s\/cmhash\.config\.yaml:\d+:\d+: GENERATOR_FILE: ConfigMap shop\/web-env: k8s\/app\.env does not exist$/m)
    expect(r.stderr).not.toMatch(/^error: HEAD: |cmhash-diff-/m)
    commitAll('the env file')
    expect((await cli(['diff', '--exit-code', '--git', 'HEAD', 'k8s'], { cwd: repo })).code).toBe(0)
  })
})
