import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { cli } from './_run.js'
import { CM, MISSING, POD, scratch, tree } from './_fixtures.js'

describe('build', () => {
  it('reads a directory recursively, in sorted order, skipping hidden paths and kustomization files', async () => {
    tree({ 'b/pod.yaml': POD, 'a.yml': CM, 'kustomization.yaml': 'resources: []\n', '.hidden/x.yaml': 'nope: [', 'notes.txt': 'x', 'c.json': '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}}' })
    const r = await cli(['build', scratch.dir])
    expect(r.code).toBe(0)
    // A bare Pod's spec cannot change: the only warning says so.
    expect(r.stderr).toMatch(/^warning: [^\n]*a\.yml:1:1: RECREATE_REQUIRED: ConfigMap default\/app [^\n]*Pod default\/p [^\n]*\n$/)
    expect(r.stdout.indexOf('kind: ConfigMap')).toBeLessThan(r.stdout.indexOf('kind: Pod'))
    expect(r.stdout.indexOf('kind: Pod')).toBeLessThan(r.stdout.indexOf('"kind": "Service"'))
    expect(r.stdout).toMatch(/configMapRef: \{name: app-[a-z0-9]{10}\}/)
  })

  it('reads stdin for -', async () => {
    const r = await cli(['build', '-'], { stdin: `${CM}---\n${POD}` })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/name: app-[a-z0-9]{10}/)
  })

  it('reads files and stdin together, and resolves references across them', async () => {
    tree({ 'cm.yaml': CM })
    const r = await cli(['build', join(scratch.dir, 'cm.yaml'), '-'], { stdin: POD })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/configMapRef: \{name: app-[a-z0-9]{10}\}/)
  })

  it('prints warnings on stderr with file and line, manifests only on stdout', async () => {
    tree({ 'q.yaml': MISSING })
    const r = await cli(['build', 'q.yaml'], { cwd: scratch.dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(MISSING)
    expect(r.stderr).toMatch(/^warning: q\.yaml:4:\d+: MISSING_REFERENCE: Secret default\/nowhere is not in the input; referenced by Pod default\/q \(spec/)
    expect((await cli(['build', '-q', 'q.yaml'], { cwd: scratch.dir })).stderr).toBe('')
  })

  it('fails on warnings with --strict, writing nothing', async () => {
    tree({ 'q.yaml': MISSING })
    const r = await cli(['build', '--strict', 'q.yaml'], { cwd: scratch.dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('--strict')
  })

  it('--strict names the codes that failed it and the flag that accepts one', async () => {
    tree({ 'q.yaml': MISSING + '---\n' + MISSING.replace(/name: q\b/, 'name: q2').replace('nowhere', 'elsewhere') })
    const r = await cli(['build', '--strict', 'q.yaml'], { cwd: scratch.dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/--strict: 2 warnings \(MISSING_REFERENCE ×2\); nothing was written\ncmhash: to accept a code, set its level: --warning MISSING_REFERENCE=ignore /)
    const accepted = await cli(['build', '--strict', '--warning', 'MISSING_REFERENCE=ignore', 'q.yaml'], { cwd: scratch.dir })
    expect(accepted.code).toBe(0)
  })

  it('sets what a warning code does with --warning CODE=LEVEL, over the configuration', async () => {
    tree({ 'q.yaml': MISSING, 'cmhash.config.yaml': 'warnings: {MISSING_REFERENCE: error, PINNED: ignore}\n' })
    const failed = await cli(['build', '.'], { cwd: scratch.dir })
    expect(failed).toMatchObject({ code: 1, stdout: '' })
    expect(failed.stderr).toMatch(/^error: q\.yaml:4:\d+: MISSING_REFERENCE: /)
    const ignored = await cli(['build', '--strict', '--warning', 'MISSING_REFERENCE=ignore', '.'], { cwd: scratch.dir })
    expect(ignored).toMatchObject({ code: 0, stderr: '', stdout: MISSING })
    const usage = await cli(['build', '--warning', 'MISSING=ignore', '.'], { cwd: scratch.dir })
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('--warning takes CODE=LEVEL')
  })

  it('writes one file per input under --output-dir, mirroring paths', async () => {
    tree({ 'in/cm.yaml': CM, 'in/deep/pod.yaml': `# keep me\n---\n${POD}` })
    const r = await cli(['build', 'in', '-o', 'out'], { cwd: scratch.dir })
    expect(r).toMatchObject({ code: 0, stdout: '' })
    expect(readFileSync(join(scratch.dir, 'out/cm.yaml'), 'utf8')).toMatch(/name: app-[a-z0-9]{10}/)
    expect(readFileSync(join(scratch.dir, 'out/deep/pod.yaml'), 'utf8')).toMatch(/^# keep me\n---\napiVersion: v1\nkind: Pod\n.*name: app-[a-z0-9]{10}/s)
  })

  it('on invalid input exits 1, lists every error with file and line, and writes nothing', async () => {
    tree({ 'in/bad.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: not-base64!}\n', 'in/worse.yaml': 'a: [\n', 'in/ok.yaml': CM })
    const r = await cli(['build', 'in', '-o', 'out'], { cwd: scratch.dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^error: in\/bad\.yaml:4:\d+: INVALID_BASE64: /m)
    expect(r.stderr).toMatch(/^error: in\/worse\.yaml:2:\d+: YAML_SYNTAX: /m)
    expect(r.stderr).toContain('nothing was written')
    expect(r.stderr).not.toContain('not-base64!')
    expect(existsSync(join(scratch.dir, 'out'))).toBe(false)
    expect((await cli(['build', 'in'], { cwd: scratch.dir })).stdout).toBe('')
  })

  it.each([
    [{}, ['build', 'missing.yaml'], /missing\.yaml: no such file or directory/],
    [{ 'empty/README.md': '# nothing' }, ['build', 'empty'], /no \.yaml, \.yml or \.json files/],
    [{ 'latin1.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]) }, ['build', 'latin1.yaml'], /not valid UTF-8/],
  ])('exits 2 when an input cannot be read', async (files, argv, message) => {
    tree(files)
    const r = await cli(argv, { cwd: scratch.dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })

  it('uses --namespace for objects that set none', async () => {
    const r = await cli(['build', '-n', 'prod', '-'], { stdin: `${CM.replace('{name: app}', '{name: app, namespace: prod}')}---\n${POD}` })
    expect(r.stdout).toMatch(/configMapRef: \{name: app-[a-z0-9]{10}\}/)
  })

  it('--gitops replaces values that would not protect the object, and says so', async () => {
    const cm = (annotations: string) => CM.replace('{name: app}', `{name: app, annotations: {${annotations}}}`)
    const flux = await cli(['build', '--gitops', 'flux', '-'], { stdin: `${cm('kustomize.toolkit.fluxcd.io/prune: enabled')}---\n${POD}` })
    expect(parseAllDocuments(flux.stdout)[0]!.toJS().metadata.annotations['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled')
    expect(flux.stderr).toContain('ANNOTATION_OVERRIDDEN')
    const argo = await cli(['build', '--gitops', 'argocd', '-'], { stdin: `${cm('argocd.argoproj.io/sync-options: "Prune=true,ServerSideApply=true"')}---\n${POD}` })
    expect(parseAllDocuments(argo.stdout)[0]!.toJS().metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,ServerSideApply=true')
    expect(argo.stderr).toContain('ANNOTATION_OVERRIDDEN')
  })
})

describe('names with control characters', () => {
  // A name is the user's text: printed raw, a line break starts a new log
  // line (in GitHub Actions, a line starting ::error is a command) and an
  // escape sequence reaches the terminal. (Whitespace in a reference makes it
  // a placeholder, so references carry the other control characters.)
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f\u2028]/
  const esc = 'x\\u001b[31m::error::pwned\\u0007'
  const cm = (name: string, data = '{k: v}') => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "${name}"}\ndata: ${data}\n`
  const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: "${name}"}}]}]}\n`

  it('are escaped in warnings, one line each', async () => {
    const r = await cli(['build', '-'], { stdin: pod(esc) })
    expect(r.code).toBe(0)
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('MISSING_REFERENCE')
    expect(lines[0]).toContain('x\\x1b[31m::error::pwned\\x07')
    expect(r.stderr).not.toMatch(CONTROL)
  })

  it('are escaped in the summary table and in errors', async () => {
    const r = await cli(['build', '--summary', '-'], { stdin: `${cm(esc)}---\n${pod(esc)}` })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('ConfigMap default/x\\x1b[31m::error::pwned\\x07')
    expect(r.stderr).not.toMatch(CONTROL)
    const bad = await cli(['build', '-'], { stdin: cm('a\\n::error::b\\u2028', '{k: 1}') })
    expect(bad.code).toBe(1)
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(2)
    expect(bad.stderr).toContain('ConfigMap default/a\\n::error::b\\u2028')
    expect(bad.stderr).not.toMatch(CONTROL)
  })
})

describe('stdin on a terminal', () => {
  it('says that it is reading manifests from it', async () => {
    const r = await cli(['build', '-q', '-'], { stdin: `${CM}---\n${POD}`, tty: true })
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('cmhash: reading manifests from standard input (end with Ctrl-D)\n')
    expect((await cli(['build', '-q', '-'], { stdin: `${CM}---\n${POD}` })).stderr).toBe('')
  })
})
