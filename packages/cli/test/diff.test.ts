// cmhash diff BASE HEAD through the CLI: arguments, the three formats, exit
// codes (1 only ever means "something rolls"), and configuration per side.
// The --git form is tested with real repositories in test/diff-git.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { beforeEach, describe, expect, it } from 'vitest'
import { cli } from './_run.js'

const CM = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app, namespace: shop}\ndata: {level: ${value}}\n`
const SECRET = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData: {password: ${value}}\n`
const WEB = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {template: {spec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: app}}, {secretRef: {name: db}}]}]}}}\n'
const EXTRA = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: shop}\ndata: {k: v}\n'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmhash-diff-cli-'))
})

function tree(files: Record<string, string>): string {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  return dir
}

describe('arguments', () => {
  it.each([
    [['diff'], /needs BASE and HEAD/],
    [['diff', 'a'], /needs BASE and HEAD/],
    [['diff', 'a', 'b', 'c'], /needs BASE and HEAD/],
    [['diff', '-', '-'], /only once/],
    [['diff', '--format', 'yaml', 'a', 'b'], /--format takes table, json, markdown, not "yaml"/],
    [['diff', '--git'], /--git needs a value/],
    [['diff', '--git=-x', 'k8s'], /--git needs a revision/],
    [['diff', '--git', 'HEAD'], /needs the paths/],
    [['diff', '--git', 'HEAD', '-'], /does not go with it/],
    [['diff', '--gitops', 'argocd', 'a', 'b'], /cmhash diff has no option --gitops/],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const r = await cli(argv)
    expect(r).toMatchObject({ code: 2, stdout: '' })
    expect(r.stderr).toMatch(message)
  })

  it('has its own help, and is listed in the main help', async () => {
    for (const argv of [['help', 'diff'], ['diff', '--help']]) {
      const r = await cli(argv)
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^Usage: cmhash diff \[options\] BASE HEAD$/m)
      expect(r.stdout).toContain('--exit-code')
    }
    expect((await cli(['--help'])).stdout).toContain('cmhash diff --git REF <path>...')
  })
})

describe('cmhash diff BASE HEAD', () => {
  const sides = (base: Record<string, string>, head: Record<string, string>) => {
    tree(Object.fromEntries([...Object.entries(base).map(([k, v]) => [`base/${k}`, v]), ...Object.entries(head).map(([k, v]) => [`head/${k}`, v])]))
    return [join(dir, 'base'), join(dir, 'head')] as const
  }

  it('prints a table by default; exits 0 without --exit-code even when something rolls', async () => {
    const [base, head] = sides({ 'app.yaml': `${CM('info')}---\n${SECRET('s3cr3t')}---\n${WEB}` }, { 'app.yaml': `${CM('debug')}---\n${SECRET('s3cr3t')}---\n${WEB}` })
    const r = await cli(['diff', base, head])
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toMatch(/^ConfigMap shop\/app +app-[a-z0-9]{10} → app-[a-z0-9]{10} +~level +Deployment shop\/web$/m)
    expect(r.stdout).toMatch(/^cmhash diff: 1 object rolls/m)
  })

  it.each([
    ['a key changes', CM('debug'), ['--exit-code'], 1],
    ['only an object is added', `${CM('info')}---\n${EXTRA}`, ['--exit-code'], 0],
    ['nothing changes', `# a comment\n${CM('"info"')}`, ['--exit-code'], 0],
    ['a key changes, no --exit-code', CM('debug'), [], 0],
  ])('--exit-code: %s', async (_name, headConfig, flags, code) => {
    const [base, head] = sides({ 'cm.yaml': CM('info'), 'web.yaml': WEB, 's.yaml': SECRET('x') }, { 'cm.yaml': headConfig, 'web.yaml': WEB, 's.yaml': SECRET('x') })
    const r = await cli(['diff', ...flags, base, head])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(code)
  })

  it('writes JSON that matches the published schema', async () => {
    const [base, head] = sides({ 'a.yaml': `${CM('info')}---\n${SECRET('x')}---\n${WEB}` }, { 'a.yaml': `${CM('debug')}---\n${SECRET('x')}---\n${WEB}---\n${EXTRA}` })
    const r = await cli(['diff', '--format', 'json', base, head])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    const schema = JSON.parse(readFileSync(new URL('../../core/schema/cmhash.diff.schema.json', import.meta.url), 'utf8'))
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema)
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(json.configs.map((c: { name: string }) => c.name)).toEqual(['app'])
    expect(json.added).toEqual([{ kind: 'ConfigMap', namespace: 'shop', name: 'extra' }])
  })

  it('writes Markdown with the inputs in its heading', async () => {
    const [base, head] = sides({ 'a.yaml': `${CM('info')}---\n${SECRET('x')}---\n${WEB}` }, { 'a.yaml': `${CM('debug')}---\n${SECRET('x')}---\n${WEB}` })
    const r = await cli(['diff', '--format', 'markdown', base, head])
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['### cmhash diff: 1 object rolls', '', `\`${base}\` → \`${head}\`: 1 ConfigMap/Secret changed`])
    expect(r.stdout).toContain('```mermaid\nflowchart LR\n')
  })

  it('reads one side from stdin', async () => {
    const [base] = sides({ 'a.yaml': `${CM('info')}---\n${SECRET('x')}---\n${WEB}` }, {})
    const r = await cli(['diff', '--format', 'json', base, '-'], { stdin: `${CM('info')}---\n${SECRET('why')}---\n${WEB}` })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).configs).toMatchObject([{ kind: 'Secret', name: 'db', keys: { changed: ['password'] } }])
  })

  it('never shows a Secret value, in any format', async () => {
    const [base, head] = sides({ 'a.yaml': `${SECRET('MARKER-OLD')}---\n${CM('x')}---\n${WEB}` }, { 'a.yaml': `${SECRET('MARKER-NEW')}---\n${CM('x')}---\n${WEB}` })
    for (const format of ['table', 'json', 'markdown']) {
      const r = await cli(['diff', '--format', format, base, head])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('password')
      expect(r.stdout + r.stderr).not.toMatch(/MARKER|TUFSS0VS/)
    }
  })

  it('fails with exit code 3 and labelled errors when a side is invalid, --exit-code or not', async () => {
    const [base, head] = sides({ 'a.yaml': `${CM('info')}---\n${WEB}` }, { 'a.yaml': `${CM('[MARKER]')}---\n${WEB}`, 'b.yaml': 'kind: [' })
    for (const flags of [[], ['--exit-code']]) {
      const r = await cli(['diff', ...flags, base, head])
      expect(r.code).toBe(3)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(new RegExp(`^error: HEAD: ${head}/a\\.yaml:4:\\d+: DATA_NOT_STRING: `, 'm'))
      expect(r.stderr).toMatch(new RegExp(`^error: HEAD: ${head}/b\\.yaml:1:\\d+: YAML_SYNTAX: `, 'm'))
      expect(r.stderr).not.toContain('MARKER')
    }
    const swapped = await cli(['diff', head, base])
    expect(swapped.code).toBe(3)
    expect(swapped.stderr).toMatch(/^error: BASE: /m)
    expect(swapped.stderr).not.toMatch(/^error: HEAD: /m)
  })

  it('exits 2 when a side cannot be read', async () => {
    const [base] = sides({ 'a.yaml': CM('x') }, {})
    const r = await cli(['diff', '--exit-code', base, join(dir, 'nowhere')])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/nowhere: no such file or directory/)
  })

  it('prints HEAD\'s warnings (not BASE\'s) unless --quiet, and fails on them with --strict', async () => {
    const missing = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: nowhere}}]}]}\n'
    const [base, head] = sides({ 'a.yaml': `${CM('x')}---\n${missing.replace('name: p', 'name: q')}` }, { 'a.yaml': `${CM('x')}---\n${missing}` })
    const r = await cli(['diff', base, head])
    expect(r.code).toBe(0)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^warning: ${head}/a\\.yaml:\\d+:\\d+: MISSING_REFERENCE: ConfigMap shop/nowhere is not in the input; referenced by Pod shop/p `))])
    expect((await cli(['diff', '-q', base, head])).stderr).toBe('')
    const strict = await cli(['diff', '--strict', '--exit-code', base, head])
    expect(strict).toMatchObject({ code: 3, stdout: '' })
    expect(strict.stderr).toMatch(/--strict: HEAD has 1 warning/)
  })

  it('reads each side\'s own configuration file; --config applies one to both', async () => {
    const [base, head] = sides(
      { 'a.yaml': `${EXTRA}---\n${CM('x')}`, 'cmhash.config.yaml': 'select: all\n' },
      { 'a.yaml': `${EXTRA}---\n${CM('x')}` },
    )
    const own = JSON.parse((await cli(['diff', '--format', 'json', base, head])).stdout)
    // BASE hashed everything; HEAD hashes only what is referenced (nothing).
    expect(own.configs.map((c: { name: string; from: string; to: string; hashed: boolean }) => [c.name, c.from === c.name, c.to, c.hashed]))
      .toEqual([['app', false, 'app', false], ['extra', false, 'extra', false]])
    const both = await cli(['diff', '--format', 'json', '--config', join(base, 'cmhash.config.yaml'), base, head])
    expect(JSON.parse(both.stdout).configs).toEqual([])
  })
})
