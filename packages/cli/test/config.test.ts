import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { cli } from './_run.js'
import { CM, POD, scratch, tree } from './_fixtures.js'

describe('configuration', () => {
  const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {configRef: {name: app}}\n'
  const CONFIG = 'references:\n- {kind: Widget, path: spec/configRef/name, refKind: ConfigMap}\n'

  it('finds cmhash.config.yaml in the input directory and does not read it as a manifest', async () => {
    tree({ 'k8s/cm.yaml': CM, 'k8s/widget.yaml': WIDGET, 'k8s/cmhash.config.yaml': CONFIG })
    const r = await cli(['build', 'k8s'], { cwd: scratch.dir })
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toMatch(/configRef: \{name: app-[a-z0-9]{10}\}/)
    expect(r.stdout).not.toContain('references:')
  })

  it('takes --config, and lets flags override it', async () => {
    tree({ 'k8s/cm.yaml': CM.replace('{name: app}', '{name: app, namespace: prod}'), 'k8s/widget.yaml': WIDGET, 'conf.json': JSON.stringify({ namespace: 'prod', references: [{ kind: 'Widget', path: 'spec/configRef/name', refKind: 'ConfigMap' }] }) })
    expect((await cli(['build', '--config', 'conf.json', 'k8s'], { cwd: scratch.dir })).stdout).toMatch(/configRef: \{name: app-/)
    const overridden = await cli(['build', '--config', 'conf.json', '-n', 'other', 'k8s'], { cwd: scratch.dir })
    expect(overridden.stdout).toContain('configRef: {name: app}')
  })

  it('applies include and exclude globs to directories', async () => {
    tree({ 'k8s/a.yaml': CM, 'k8s/skip/b.yaml': 'not: [valid', 'k8s/c.txt.yaml': POD })
    expect((await cli(['build', '--exclude', 'skip/**', 'k8s'], { cwd: scratch.dir })).code).toBe(0)
    const only = await cli(['build', '--include', 'a.yaml', 'k8s'], { cwd: scratch.dir })
    expect(only.stdout).toBe(CM)
    tree({ 'k8s/cmhash.config.yaml': 'exclude: ["skip/**"]\n' })
    expect((await cli(['build', 'k8s'], { cwd: scratch.dir })).code).toBe(0)
  })

  it('rejects an invalid configuration with file, line and field, writing nothing', async () => {
    tree({ 'k8s/cm.yaml': CM, 'k8s/cmhash.config.yaml': 'select: sometimes\n' })
    const r = await cli(['build', 'k8s'], { cwd: scratch.dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('error: k8s/cmhash.config.yaml:1:9: INVALID_CONFIG: select must be one of "referenced", "all", "annotated"')
  })

  it('prints the schema, and checks a file', async () => {
    const schema = await cli(['config', 'schema'])
    expect(schema.code).toBe(0)
    expect(JSON.parse(schema.stdout).title).toBe('CmhashConfig')
    tree({ 'good.yaml': CONFIG, 'cmhash.config.yaml': CONFIG, 'bad.yaml': 'references: [{kind: W}]\n' })
    expect(await cli(['config', 'check', 'good.yaml'], { cwd: scratch.dir })).toEqual({ code: 0, stdout: 'good.yaml: valid\n', stderr: '' })
    expect((await cli(['config', 'check'], { cwd: scratch.dir })).stdout).toBe('cmhash.config.yaml: valid (the configuration a build of inputs in this directory uses)\n')
    const bad = await cli(['config', 'check', 'bad.yaml'], { cwd: scratch.dir })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('bad.yaml:1:14: INVALID_CONFIG: references[0] needs path')
    expect((await cli(['config', 'check', 'missing.yaml'], { cwd: scratch.dir })).code).toBe(2)
    expect((await cli(['config', 'frob'])).code).toBe(2)
  })

  it('refuses to guess between config files of several input directories, naming both', async () => {
    tree({ 'a/cm.yaml': CM, 'a/cmhash.config.yaml': '{}\n', 'b/pod.yaml': POD, 'b/cmhash.config.json': '{}' })
    const r = await cli(['build', 'a', 'b'], { cwd: scratch.dir })
    expect(r).toMatchObject({ code: 2, stdout: '' })
    expect(r.stderr).toBe('cmhash: the inputs find different configuration files: a/cmhash.config.yaml (for a) and b/cmhash.config.json (for b); choose one with --config\n')
  })

  it('--disable-preset turns presets off on top of those the configuration turns off', async () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: istio}}, {configMapRef: {name: argocd-cm}}]}]}\n'
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {k: v}\n---\n`
    tree({ 'k8s/all.yaml': `${cm('istio')}${cm('argocd-cm')}${pod}` })
    const names = async (argv: string[]) => parseAllDocuments((await cli(['build', '-q', ...argv, 'k8s'], { cwd: scratch.dir })).stdout).map(d => d.toJS().metadata.name)
    expect(await names([])).toEqual(['istio', 'argocd-cm', 'p'])
    expect(await names(['--disable-preset', 'argo-cd'])).toEqual(['istio', expect.stringMatching(/^argocd-cm-[a-z0-9]{10}$/), 'p'])
    tree({ 'k8s/cmhash.config.yaml': 'presets: {istio: false}\n' })
    expect(await names([])).toEqual([expect.stringMatching(/^istio-/), 'argocd-cm', 'p'])
    expect(await names(['--disable-preset', 'argo-cd'])).toEqual([expect.stringMatching(/^istio-/), expect.stringMatching(/^argocd-cm-/), 'p'])
  })

  it('turns alias bombs in configurations into errors, not crashes', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 6 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(i === 0 ? '*a' : `*l${i}`).join(', ')}]`)].join('\n')
    tree({ 'bomb.yaml': `${bomb}\n` })
    const check = await cli(['config', 'check', 'bomb.yaml'], { cwd: scratch.dir })
    expect(check.code).toBe(1)
    expect(check.stderr).toContain('ALIAS_LIMIT')
    const rl = await cli(['build', '-'], { stdin: `kind: ResourceList\napiVersion: config.kubernetes.io/v1\nitems: []\nfunctionConfig:\n  kind: CmhashConfig\n  x:\n${bomb.split('\n').map(l => `    ${l}`).join('\n')}\n` })
    expect(rl.code).toBe(1)
    expect(rl.stderr).toContain('ALIAS_LIMIT')
  })
})

describe('KRM function input', () => {
  it("a functionConfig setting one option keeps the --config file's references and pins", async () => {
    tree({ 'cfg.yaml': 'pinned: [{kind: ConfigMap, name: app, reason: read by name}]\n' })
    const rl = JSON.stringify({
      apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList',
      items: parseAllDocuments(`${CM}---\n${POD}`).map(d => d.toJS()),
      functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fc' }, data: { gitops: 'flux' } },
    })
    const r = await cli(['build', '-c', 'cfg.yaml', '-'], { stdin: rl, cwd: scratch.dir })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).items[0].metadata.name).toBe('app')
  })

  it('points functionConfig errors at the field in the ResourceList', async () => {
    const rl = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data:\n    select: sometimes\n'
    expect((await cli(['build', '-'], { stdin: rl })).stderr).toContain('error: <stdin>:8:13: INVALID_CONFIG: select must be one of')
  })
})

describe('no dependency prints', () => {
  // The yaml package warned through process.emitWarning, quoting the key: a
  // Secret's value reached stderr. The setup file fails any test that lets
  // something print on its own.
  it('a ResourceList with a collection as a stringData key reports an error and prints nothing else', async () => {
    const rl = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: s}\n  stringData:\n    ? [SECRET-VALUE]\n    : x\n'
    const r = await cli(['build', '-'], { stdin: rl })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('INVALID_DATA_KEY')
    expect(r.stderr).not.toContain('SECRET-VALUE')
  })
})

// One rule for every form of input: the nearest cmhash.config.yaml above
// the inputs, else the nearest above the current directory, else none;
// never above the top of a git repository.
describe('which configuration file a build uses', () => {
  const PIN = 'pinned: [{kind: ConfigMap, name: app, reason: read by name}]\n'
  /** The ConfigMap's name after a build: `app` when the pinning configuration was used. */
  const built = async (argv: string[], cwd = scratch.dir, stdin?: string) => {
    const r = await cli(['build', '-q', ...argv], { cwd, ...(stdin === undefined ? {} : { stdin }) })
    expect(r.stderr).toBe('')
    return parseAllDocuments(r.stdout).map(d => d.toJS()).find(o => o.kind === 'ConfigMap').metadata.name as string
  }
  const hashed = /^app-[a-z0-9]{10}$/

  it.each([
    ['a directory holding it', { 'k8s/all.yaml': 'ALL', 'k8s/cmhash.config.yaml': PIN }, ['k8s'], '.'],
    ['a directory below it', { 'k8s/app/all.yaml': 'ALL', 'k8s/cmhash.config.yaml': PIN }, ['k8s/app'], '.'],
    ['a file beside it', { 'k8s/all.yaml': 'ALL', 'k8s/cmhash.config.yaml': PIN }, ['k8s/all.yaml'], '.'],
    ['a file below it, from elsewhere', { 'repo/k8s/app/all.yaml': 'ALL', 'repo/cmhash.config.yml': PIN, 'other/x': '' }, ['../repo/k8s/app/all.yaml'], 'other'],
    ['stdin, from the current directory', { 'cmhash.config.json': JSON.stringify({ pinned: [{ kind: 'ConfigMap', name: 'app', reason: 'r' }] }) }, ['-'], '.'],
    ['stdin, from a directory above the current one', { 'cmhash.config.yaml': PIN, 'k8s/app/x': '' }, ['-'], 'k8s/app'],
    ['a file, with stdin beside it', { 'k8s/pod.yaml': POD, 'k8s/cmhash.config.yaml': PIN }, ['k8s/pod.yaml', '-'], '.'],
    ['inputs without one, from the current directory', { 'cmhash.config.yaml': PIN, 'elsewhere/all.yaml': 'ALL' }, ['elsewhere'], '.'],
  ])('%s', async (_, files, argv, cwd) => {
    const all = `${CM}---\n${POD}`
    tree(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v === 'ALL' ? all : v])))
    expect(await built(argv, join(scratch.dir, cwd), argv.includes('-') ? (argv.length === 1 ? all : CM) : undefined)).toBe('app')
  })

  it('stops at the top of a git repository, and uses none when there is none', async () => {
    tree({ 'cmhash.config.yaml': PIN, 'repo/.git/HEAD': '', 'repo/k8s/all.yaml': `${CM}---\n${POD}`, 'plain/all.yaml': `${CM}---\n${POD}` })
    expect(await built(['k8s'], join(scratch.dir, 'repo'))).toMatch(hashed)
    expect(await built(['-'], join(scratch.dir, 'repo'), `${CM}---\n${POD}`)).toMatch(hashed)
    // Outside the repository, the file above applies.
    expect(await built(['plain'])).toBe('app')
  })

  // Not used by the one rule, so not silently ignored either: refused,
  // unless it is the file in use (given with --config).
  it('a configuration file below an input directory is refused, never read as a manifest', async () => {
    tree({ 'k8s/all.yaml': `${CM}---\n${POD}`, 'k8s/sub/cmhash.config.yaml': PIN, '.git/HEAD': '' })
    const r = await cli(['build', 'k8s'], { cwd: scratch.dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('k8s/sub/cmhash.config.yaml: a configuration file below the top of an input directory is not read')
    const used = await cli(['build', '-c', 'k8s/sub/cmhash.config.yaml', 'k8s'], { cwd: scratch.dir })
    expect(used.code).toBe(0)
    expect(used.stdout).not.toContain('pinned')
    expect(parseAllDocuments(used.stdout).map(d => d.toJS().metadata.name)[0]).not.toMatch(hashed)
  })

  it('inputs that find different files: an error naming both, even when one is only above', async () => {
    tree({ 'cmhash.config.yaml': '{}\n', 'a/cmhash.config.yaml': PIN, 'a/cm.yaml': CM, 'b/pod.yaml': POD, '.git/HEAD': '' })
    const r = await cli(['build', 'a', 'b/pod.yaml'], { cwd: scratch.dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('a/cmhash.config.yaml (for a) and cmhash.config.yaml (for b/pod.yaml)')
    expect((await cli(['build', '-q', '-c', 'a/cmhash.config.yaml', 'a', 'b/pod.yaml'], { cwd: scratch.dir })).code).toBe(0)
  })

  it('config check with no FILE checks the file a build here uses, and names it', async () => {
    tree({ 'cmhash.config.yaml': PIN, 'k8s/app/x': '', 'other/.git/HEAD': '' })
    expect(await cli(['config', 'check'], { cwd: join(scratch.dir, 'k8s/app') })).toEqual({
      code: 0, stdout: '../../cmhash.config.yaml: valid (the configuration a build of inputs in this directory uses)\n', stderr: '',
    })
    const none = await cli(['config', 'check'], { cwd: join(scratch.dir, 'other') })
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('no cmhash.config.yaml, cmhash.config.yml, cmhash.config.json here or in a directory above')
  })
})
