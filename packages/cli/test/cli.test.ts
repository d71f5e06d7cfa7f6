import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { cli } from './_run.js'

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {k: v}\n'
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: app}}]}]}\n'
const MISSING = 'apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec: {containers: [{name: c, image: i, envFrom: [{secretRef: {name: nowhere}}]}]}\n'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmhash-cli-'))
})

function tree(files: Record<string, string | Buffer>): string {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  return dir
}

describe('help and version', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('prints usage for %j', async argv => {
    const r = await cli(argv)
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toContain('cmhash build [options] <path>...')
  })

  it('prints build help', async () => {
    for (const argv of [['help', 'build'], ['build', '--help']]) {
      const r = await cli(argv)
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('--output-dir DIR')
      expect(r.stdout).toContain('Exit codes')
    }
  })

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `cmhash ${version}\n`, stderr: '' })
  })

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['build'], /needs input/],
    [['build', '--nope', 'x'], /Unknown option '--nope'/],
    [['build', '-', '-'], /only once/],
    [['build', '-n', 'Not_Valid', 'x'], /not a valid namespace/],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const r = await cli(argv)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })
})

describe('build', () => {
  it('reads a directory recursively, in sorted order, skipping hidden paths and kustomization files', async () => {
    tree({ 'b/pod.yaml': POD, 'a.yml': CM, 'kustomization.yaml': 'resources: []\n', '.hidden/x.yaml': 'nope: [', 'notes.txt': 'x', 'c.json': '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}}' })
    const r = await cli(['build', dir])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
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
    const r = await cli(['build', join(dir, 'cm.yaml'), '-'], { stdin: POD })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/configMapRef: \{name: app-[a-z0-9]{10}\}/)
  })

  it('prints warnings on stderr with file and line, manifests only on stdout', async () => {
    tree({ 'q.yaml': MISSING })
    const r = await cli(['build', 'q.yaml'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(MISSING)
    expect(r.stderr).toMatch(/^warning: q\.yaml:4:\d+: MISSING_REFERENCE: Pod default\/q references Secret default\/nowhere/)
    expect((await cli(['build', '-q', 'q.yaml'], { cwd: dir })).stderr).toBe('')
  })

  it('fails on warnings with --strict, writing nothing', async () => {
    tree({ 'q.yaml': MISSING })
    const r = await cli(['build', '--strict', 'q.yaml'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('--strict')
  })

  it('writes one file per input under --output-dir, mirroring paths', async () => {
    tree({ 'in/cm.yaml': CM, 'in/deep/pod.yaml': `# keep me\n---\n${POD}` })
    const r = await cli(['build', 'in', '-o', 'out'], { cwd: dir })
    expect(r).toMatchObject({ code: 0, stdout: '' })
    expect(readFileSync(join(dir, 'out/cm.yaml'), 'utf8')).toMatch(/name: app-[a-z0-9]{10}/)
    expect(readFileSync(join(dir, 'out/deep/pod.yaml'), 'utf8')).toMatch(/^# keep me\n---\napiVersion: v1\nkind: Pod\n.*name: app-[a-z0-9]{10}/s)
  })

  it('on invalid input exits 1, lists every error with file and line, and writes nothing', async () => {
    tree({ 'in/bad.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: not-base64!}\n', 'in/worse.yaml': 'a: [\n', 'in/ok.yaml': CM })
    const r = await cli(['build', 'in', '-o', 'out'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^error: in\/bad\.yaml:4:\d+: INVALID_BASE64: /m)
    expect(r.stderr).toMatch(/^error: in\/worse\.yaml:2:\d+: YAML_SYNTAX: /m)
    expect(r.stderr).toContain('nothing was written')
    expect(r.stderr).not.toContain('not-base64!')
    expect(existsSync(join(dir, 'out'))).toBe(false)
    expect((await cli(['build', 'in'], { cwd: dir })).stdout).toBe('')
  })

  it.each([
    [{}, ['build', 'missing.yaml'], /missing\.yaml: no such file or directory/],
    [{ 'empty/README.md': '# nothing' }, ['build', 'empty'], /no \.yaml, \.yml or \.json files/],
    [{ 'latin1.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]) }, ['build', 'latin1.yaml'], /not valid UTF-8/],
  ])('exits 2 when an input cannot be read', async (files, argv, message) => {
    tree(files)
    const r = await cli(argv, { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })

  it('uses --namespace for objects that set none', async () => {
    const r = await cli(['build', '-n', 'prod', '-'], { stdin: `${CM.replace('{name: app}', '{name: app, namespace: prod}')}---\n${POD}` })
    expect(r.stdout).toMatch(/configMapRef: \{name: app-[a-z0-9]{10}\}/)
  })
})

describe('the installed bin', () => {
  const bin = new URL('../bin/cmhash.js', import.meta.url).pathname
  const root = new URL('../../..', import.meta.url).pathname

  it('runs as `pnpm --silent cmhash` from the repository root, printing only manifests', () => {
    const out = execFileSync('pnpm', ['--silent', 'cmhash', 'build', 'examples/basic/k8s'], { cwd: root, encoding: 'utf8' })
    expect(out).toBe(readFileSync(join(root, 'examples/basic/expected.yaml'), 'utf8'))
  })

  it('sets the exit code and survives a reader that stops early', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\n`).join('---\n')
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `node ${bin} build - | head -n 1`], { input: big, encoding: 'utf8' })
    expect(r.stdout).toBe('apiVersion: v1\n')
    expect(r.stderr).toBe('')
    expect(spawnSync('node', [bin, 'build', '-'], { input: 'a: [\n', encoding: 'utf8' }).status).toBe(1)
    expect(spawnSync('node', [bin, 'nope'], { encoding: 'utf8' }).status).toBe(2)
  })
})

describe('configuration', () => {
  const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {configRef: {name: app}}\n'
  const CONFIG = 'references:\n- {kind: Widget, path: spec/configRef/name, refKind: ConfigMap}\n'

  it('finds cmhash.config.yaml in the input directory and does not read it as a manifest', async () => {
    tree({ 'k8s/cm.yaml': CM, 'k8s/widget.yaml': WIDGET, 'k8s/cmhash.config.yaml': CONFIG })
    const r = await cli(['build', 'k8s'], { cwd: dir })
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toMatch(/configRef: \{name: app-[a-z0-9]{10}\}/)
    expect(r.stdout).not.toContain('references:')
  })

  it('takes --config, and lets flags override it', async () => {
    tree({ 'k8s/cm.yaml': CM.replace('{name: app}', '{name: app, namespace: prod}'), 'k8s/widget.yaml': WIDGET, 'conf.json': JSON.stringify({ namespace: 'prod', references: [{ kind: 'Widget', path: 'spec/configRef/name', refKind: 'ConfigMap' }] }) })
    expect((await cli(['build', '--config', 'conf.json', 'k8s'], { cwd: dir })).stdout).toMatch(/configRef: \{name: app-/)
    const overridden = await cli(['build', '--config', 'conf.json', '-n', 'other', 'k8s'], { cwd: dir })
    expect(overridden.stdout).toContain('configRef: {name: app}')
  })

  it('applies include and exclude globs to directories', async () => {
    tree({ 'k8s/a.yaml': CM, 'k8s/skip/b.yaml': 'not: [valid', 'k8s/c.txt.yaml': POD })
    expect((await cli(['build', '--exclude', 'skip/**', 'k8s'], { cwd: dir })).code).toBe(0)
    const only = await cli(['build', '--include', 'a.yaml', 'k8s'], { cwd: dir })
    expect(only.stdout).toBe(CM)
    tree({ 'k8s/cmhash.config.yaml': 'exclude: ["skip/**"]\n' })
    expect((await cli(['build', 'k8s'], { cwd: dir })).code).toBe(0)
  })

  it('rejects an invalid configuration with file, line and field, writing nothing', async () => {
    tree({ 'k8s/cm.yaml': CM, 'k8s/cmhash.config.yaml': 'select: sometimes\n' })
    const r = await cli(['build', 'k8s'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('error: k8s/cmhash.config.yaml:1:9: INVALID_CONFIG: select must be one of "referenced", "all", "annotated"')
  })

  it('prints the schema, and checks a file', async () => {
    const schema = await cli(['config', 'schema'])
    expect(schema.code).toBe(0)
    expect(JSON.parse(schema.stdout).title).toBe('CmhashConfig')
    tree({ 'good.yaml': CONFIG, 'cmhash.config.yaml': CONFIG, 'bad.yaml': 'references: [{kind: W}]\n' })
    expect(await cli(['config', 'check', 'good.yaml'], { cwd: dir })).toEqual({ code: 0, stdout: 'good.yaml: valid\n', stderr: '' })
    expect((await cli(['config', 'check'], { cwd: dir })).stdout).toBe('cmhash.config.yaml: valid\n')
    const bad = await cli(['config', 'check', 'bad.yaml'], { cwd: dir })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('bad.yaml:1:14: INVALID_CONFIG: references[0] needs path')
    expect((await cli(['config', 'check', 'missing.yaml'], { cwd: dir })).code).toBe(2)
    expect((await cli(['config', 'frob'])).code).toBe(2)
  })

  it('refuses to guess between config files of several input directories', async () => {
    tree({ 'a/cm.yaml': CM, 'a/cmhash.config.yaml': '{}\n', 'b/pod.yaml': POD, 'b/cmhash.config.json': '{}' })
    const r = await cli(['build', 'a', 'b'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('choose one with --config')
  })
})

describe('prune', () => {
  const root = new URL('../../..', import.meta.url).pathname
  const liveFile = join(root, 'fixtures/prune/live.yaml')
  const desired = join(root, 'examples/basic/k8s')

  it('prints a List to delete on stdout and a table of every candidate on stderr', async () => {
    const r = await cli(['prune', '--live', liveFile, desired])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('kind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: queue-config-994f5g6h7k\n    namespace: shop\n')
    expect(r.stderr).toMatch(/^KIND +NAMESPACE +NAME +VERDICT +WHY$/m)
    expect(r.stderr).toMatch(/^ConfigMap +shop +web-config-7c9d2f5b8k +keep +referenced by ReplicaSet shop\/web-7d4b9c8f6q/m)
    expect(r.stderr).toMatch(/^Secret +shop +db-credentials-8k7j6h5g4f +delete +not desired/m)
  })

  it('reads the live state from stdin and prints names with --output names', async () => {
    const r = await cli(['prune', '--live', '-', '--output', 'names', '--keep', '4', '-q', desired], { stdin: readFileSync(liveFile) })
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'configmap/queue-config-994f5g6h7k -n shop\nconfigmap/web-config-9m8n7b6v5c -n shop\n' })
  })

  it('exits 1 and prints nothing for an empty live state', async () => {
    const r = await cli(['prune', '--live', '-', desired], { stdin: '' })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('EMPTY_LIVE_STATE')
  })

  it.each([
    [['prune', desired], /needs --live/],
    [['prune', '--live', liveFile], /needs the desired manifests/],
    [['prune', '--live', '-', '-'], /only once/],
    [['prune', '--live', liveFile, '--keep', 'many', desired], /--keep/],
    [['prune', '--live', liveFile, '--output', 'json', desired], /--output/],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const r = await cli(argv)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })
})

describe('build outputs', () => {
  const ROLL = `${CM}---\n${POD}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {template: {spec: {containers: [{name: c, image: i}], volumes: [{name: v, configMap: {name: app}}]}}}\n` +
    '---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {configRef: {name: app}}\n'

  it('--gitops adds the annotations that keep old versions, merging option lists', async () => {
    const cm = CM.replace('{name: app}', '{name: app, annotations: {argocd.argoproj.io/sync-options: ServerSideApply=true}}')
    const argo = await cli(['build', '--gitops', 'argocd', '-'], { stdin: `${cm}---\n${POD}` })
    const annotations = parseAllDocuments(argo.stdout)[0]!.toJS().metadata.annotations
    expect(annotations).toEqual({
      'cmhash.dev/name': 'app', 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous', 'argocd.argoproj.io/sync-options': 'ServerSideApply=true,Prune=false',
    })
    const again = await cli(['build', '--gitops', 'argocd', '-'], { stdin: argo.stdout })
    expect(again.stdout).toBe(argo.stdout)
    expect((await cli(['build', '--gitops', 'flux', '-'], { stdin: `${CM}---\n${POD}` })).stdout).toContain('kustomize.toolkit.fluxcd.io/prune: disabled')
    expect((await cli(['build', '--gitops', 'helm', '-'], { stdin: `${CM}---\n${POD}` })).stdout).toContain('helm.sh/resource-policy: keep')
    expect((await cli(['build', '--gitops', 'spinnaker', '-'], { stdin: CM })).code).toBe(2)
  })

  it('--report writes what rolls, what is recreated and what is updated; --summary prints it', async () => {
    tree({ 'k8s/all.yaml': ROLL, 'k8s/cmhash.config.yaml': 'references:\n- {kind: Widget, path: spec/configRef/name, refKind: ConfigMap}\n' })
    const r = await cli(['build', 'k8s', '--report', 'out/report.json', '--summary'], { cwd: dir })
    expect(r.code).toBe(0)
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'))
    expect(report).toEqual({
      version: 1,
      renames: [{
        kind: 'ConfigMap', namespace: 'default', originalName: 'app', from: 'app', to: expect.stringMatching(/^app-[a-z0-9]{10}$/), changed: true, file: 'k8s/all.yaml',
        referencedBy: [
          { kind: 'Pod', namespace: 'default', name: 'p', path: 'spec.containers[0].envFrom[0].configMapRef.name', effect: 'recreate' },
          { kind: 'Deployment', namespace: 'default', name: 'web', path: 'spec.template.spec.volumes[0].configMap.name', effect: 'rolls' },
          { kind: 'Widget', namespace: 'default', name: 'w', path: 'spec.configRef.name', effect: 'updates' },
        ],
      }],
      warnings: [],
    })
    expect(r.stderr).toMatch(/^ConfigMap default\/app +app-[a-z0-9]{10} +Deployment default\/web +Pod default\/p \(recreate\), Widget default\/w$/m)
  })

  it('--format json prints one v1 List with values typed as Kubernetes reads them', async () => {
    const r = await cli(['build', '--format', 'json', '-'], { stdin: `${ROLL}---\napiVersion: v1\nkind: ConfigMapList\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {"on": "yes", date: "2024-01-01"}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: 0x50}], publishNotReadyAddresses: yes}\n` })
    expect(r.code).toBe(0)
    const list = JSON.parse(r.stdout)
    expect(list.apiVersion).toBe('v1')
    expect(list.kind).toBe('List')
    expect(list.items.map((i: any) => i.kind)).toEqual(['ConfigMap', 'Pod', 'Deployment', 'Widget', 'ConfigMap', 'Service'])
    expect(list.items[5].spec).toEqual({ ports: [{ port: 80, targetPort: 80 }], publishNotReadyAddresses: true })
    expect(list.items[4].data).toEqual({ on: 'yes', date: '2024-01-01' })
    expect((await cli(['build', '--format', 'json', '-o', 'out', '-'], { stdin: CM })).code).toBe(2)
  })
})

describe('second review', () => {
  const root = new URL('../../..', import.meta.url).pathname
  const liveFile = join(root, 'fixtures/prune/live.yaml')
  const desired = join(root, 'examples/basic/k8s')

  it('prune reads every file of a live-state directory', async () => {
    const live = readFileSync(liveFile, 'utf8')
    const cut = live.indexOf('- apiVersion: apps/v1\n  kind: ReplicaSet')
    tree({
      'live/a-configs.yaml': `${live.slice(0, cut)}kind: List\nmetadata:\n  resourceVersion: ""\n`,
      'live/b-workloads.yaml': `apiVersion: v1\nitems:\n${live.slice(cut)}`,
    })
    const split = await cli(['prune', '--live', join(dir, 'live'), '--output', 'names', '-q', desired])
    const whole = await cli(['prune', '--live', liveFile, '--output', 'names', '-q', desired])
    expect(split.code).toBe(0)
    expect(split.stdout).toBe(whole.stdout)
  })

  it('prune refuses a live state cut short, and keeps versions without a creationTimestamp', async () => {
    const live = readFileSync(liveFile, 'utf8')
    const truncated = await cli(['prune', '--live', '-', desired], { stdin: `${live}---\napiVersion: v1\nitems:\n- apiVersion: apps/v1\n` })
    expect(truncated.code).toBe(1)
    expect(truncated.stdout).toBe('')
    expect(truncated.stderr).toContain('INVALID_LIVE_STATE')
    const undated = live.replace(/    creationTimestamp: "2026-10-01T12:00:00Z"\n/, '')
    const r = await cli(['prune', '--live', '-', '--output', 'names', desired], { stdin: undated })
    expect(r.stdout).not.toContain('web-config-9m8n7b6v5c')
    expect(r.stderr).toMatch(/web-config-9m8n7b6v5c +keep +it has no creationTimestamp/)
  })

  it.each([[''], ['0x2'], ['1e1'], ['-1']])('prune rejects --keep %j', async keep => {
    expect((await cli(['prune', '--live', liveFile, '--keep', keep, desired])).code).toBe(2)
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

  it("a functionConfig setting one option keeps the --config file's references and pins", async () => {
    tree({ 'cfg.yaml': 'pinned: [{kind: ConfigMap, name: app, reason: read by name}]\n' })
    const rl = JSON.stringify({
      apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList',
      items: parseAllDocuments(`${CM}---\n${POD}`).map(d => d.toJS()),
      functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fc' }, data: { gitops: 'flux' } },
    })
    const r = await cli(['build', '-c', 'cfg.yaml', '-'], { stdin: rl, cwd: dir })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).items[0].metadata.name).toBe('app')
  })

  it('points functionConfig errors at the field in the ResourceList', async () => {
    const rl = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data:\n    select: sometimes\n'
    expect((await cli(['build', '-'], { stdin: rl })).stderr).toContain('error: <stdin>:8:13: INVALID_CONFIG: select must be one of')
  })

  it('turns alias bombs in configurations into errors, not crashes', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 6 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(i === 0 ? '*a' : `*l${i}`).join(', ')}]`)].join('\n')
    tree({ 'bomb.yaml': `${bomb}\n` })
    const check = await cli(['config', 'check', 'bomb.yaml'], { cwd: dir })
    expect(check.code).toBe(1)
    expect(check.stderr).toContain('ALIAS_LIMIT')
    const rl = await cli(['build', '-'], { stdin: `kind: ResourceList\napiVersion: config.kubernetes.io/v1\nitems: []\nfunctionConfig:\n  kind: CmhashConfig\n  x:\n${bomb.split('\n').map(l => `    ${l}`).join('\n')}\n` })
    expect(rl.code).toBe(1)
    expect(rl.stderr).toContain('ALIAS_LIMIT')
  })

  it('refuses outputs that cannot be written, before writing anything', async () => {
    tree({ 'in/cm.yaml': CM, 'taken': 'a file' })
    mkdirSync(join(dir, 'reports'))
    const report = await cli(['build', 'in', '--report', 'reports'], { cwd: dir })
    expect(report.code).toBe(2)
    expect(report.stdout).toBe('')
    expect(report.stderr).toContain('reports: is a directory')
    const out = await cli(['build', 'in', '-o', 'taken', '--report', 'r.json'], { cwd: dir })
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('taken: exists and is not a directory')
    expect(existsSync(join(dir, 'r.json'))).toBe(false)
  })

  it('--format json leaves out documents that are not Kubernetes objects, and keeps a ResourceList', async () => {
    const r = await cli(['build', '--format', 'json', '-q', '-'], { stdin: `replicaCount: 2\n---\n${CM}` })
    expect(JSON.parse(r.stdout).items.map((i: any) => i.kind)).toEqual(['ConfigMap'])
    const rl = await cli(['build', '--format', 'json', '-'], { stdin: 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n' })
    expect(JSON.parse(rl.stdout).kind).toBe('ResourceList')
  })

  it.each([
    [['help', 'frobnicate'], /no help on "frobnicate"/],
    [['build', '-n', 'a'.repeat(64), '-'], /not a valid namespace/],
  ])('rejects %j', async (argv, message) => {
    const r = await cli(argv)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })
})
