import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { cli } from './_run.js'
import { CM, POD, scratch, tree } from './_fixtures.js'

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
    const r = await cli(['build', 'k8s', '--report', 'out/report.json', '--summary'], { cwd: scratch.dir })
    expect(r.code).toBe(0)
    const report = JSON.parse(readFileSync(join(scratch.dir, 'out/report.json'), 'utf8'))
    expect(report).toEqual({
      version: 1,
      renames: [{
        kind: 'ConfigMap', namespace: 'default', originalName: 'app', from: 'app', to: expect.stringMatching(/^app-[a-z0-9]{10}$/), changed: true, file: 'k8s/all.yaml',
        referencedBy: [
          {
            kind: 'Pod', namespace: 'default', name: 'p', path: 'spec.containers[0].envFrom[0].configMapRef.name', effect: 'recreate',
            reason: expect.stringContaining('a Pod\'s spec cannot change'),
          },
          { kind: 'Deployment', namespace: 'default', name: 'web', path: 'spec.template.spec.volumes[0].configMap.name', effect: 'rolls' },
          { kind: 'Widget', namespace: 'default', name: 'w', path: 'spec.configRef.name', effect: 'updates' },
        ],
      }],
      warnings: [{ code: 'RECREATE_REQUIRED', message: expect.stringContaining('kubectl apply fails for Pod default/p'), file: 'k8s/all.yaml', line: 1, column: 1 }],
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

  it('refuses outputs that cannot be written, before writing anything', async () => {
    tree({ 'in/cm.yaml': CM, 'taken': 'a file' })
    mkdirSync(join(scratch.dir, 'reports'))
    const report = await cli(['build', 'in', '--report', 'reports'], { cwd: scratch.dir })
    expect(report.code).toBe(2)
    expect(report.stdout).toBe('')
    expect(report.stderr).toContain('reports: is a directory')
    const out = await cli(['build', 'in', '-o', 'taken', '--report', 'r.json'], { cwd: scratch.dir })
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('taken: exists and is not a directory')
    expect(existsSync(join(scratch.dir, 'r.json'))).toBe(false)
  })

  it('refuses a --report path that --output-dir also writes, rather than replacing that manifest with the report', async () => {
    tree({ 'in/a.yaml': CM, 'in/b.yaml': POD })
    for (const path of ['out/a.yaml', 'out/../out/b.yaml']) {
      const r = await cli(['build', '-q', 'in', '-o', 'out', '--report', path], { cwd: scratch.dir })
      expect(r).toMatchObject({ code: 2, stdout: '' })
      expect(r.stderr).toMatch(/^cmhash: --report out\/.*\.yaml is also where --output-dir writes [ab]\.yaml; write the report elsewhere\n$/)
    }
    expect(existsSync(join(scratch.dir, 'out'))).toBe(false)
    expect((await cli(['build', '-q', 'in', '-o', 'out', '--report', 'out/report.json'], { cwd: scratch.dir })).code).toBe(0)
  })

  it('names a file it cannot write under --output-dir by its path under that directory', async () => {
    tree({ 'in/sub/cm.yaml': CM, 'out/sub': 'a file where a directory must go' })
    const r = await cli(['build', 'in', '-o', 'out'], { cwd: scratch.dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^cmhash: out\/sub\/cm\.yaml: cannot write \(E[A-Z]+\)\n$/)
  })

  it('--report - prints the report on stdout when the manifests go to --output-dir, and is refused otherwise', async () => {
    tree({ 'in/all.yaml': `${CM}---\n${POD}` })
    const r = await cli(['build', '-q', 'in', '-o', 'out', '--report', '-'], { cwd: scratch.dir })
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(r.stdout).renames.map((x: { originalName: string }) => x.originalName)).toEqual(['app'])
    expect(readFileSync(join(scratch.dir, 'out/all.yaml'), 'utf8')).toMatch(/name: app-[a-z0-9]{10}/)
    expect(existsSync(join(scratch.dir, '-'))).toBe(false)
    const refused = await cli(['build', 'in', '--report', '-'], { cwd: scratch.dir })
    expect(refused).toMatchObject({ code: 2, stdout: '' })
    expect(existsSync(join(scratch.dir, '-'))).toBe(false)
  })

  it('--format json leaves out documents that are not Kubernetes objects, and keeps a ResourceList', async () => {
    const r = await cli(['build', '--format', 'json', '-q', '-'], { stdin: `replicaCount: 2\n---\n${CM}` })
    expect(JSON.parse(r.stdout).items.map((i: any) => i.kind)).toEqual(['ConfigMap'])
    const rl = await cli(['build', '--format', 'json', '-'], { stdin: 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n' })
    expect(JSON.parse(rl.stdout).kind).toBe('ResourceList')
  })
})
