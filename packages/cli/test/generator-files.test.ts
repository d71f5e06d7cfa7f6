// Generators through the CLI: files read beside the configuration, objects
// first in the output with kustomize's names, and every unreadable or
// out-of-bounds file refused with nothing written.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { kustomize, skipKubectl } from '../../../test/_utils/kubectl.js'
import { cli } from './_run.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmhash-gen-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function tree(files: Record<string, string | Uint8Array>): Record<string, string | Uint8Array> {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  return files
}

const GENERATORS = `configMapGenerator:
- name: web
  files: [nginx.conf, settings=config/settings.json]
  envs: [app.env]
  literals: [MODE=fast]
secretGenerator:
- name: creds
  type: kubernetes.io/basic-auth
  literals: [username=admin, password=s3cr3t]
`
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: c
        image: nginx
        envFrom: [{configMapRef: {name: web}}, {secretRef: {name: creds}}]
`
const SOURCES = {
  'k8s/nginx.conf': 'server {\n  listen 80;\n}\n',
  'k8s/config/settings.json': '{"not": "a manifest"}\n',
  'k8s/app.env': 'LOG=debug\n',
}
const names = (yaml: string) => parseAllDocuments(yaml).map(d => (d.toJS() as { metadata: { name: string } }).metadata.name)

describe('cmhash build with generators', () => {
  it.skipIf(skipKubectl)('puts generated objects first, named as kubectl kustomize names them', async () => {
    const files = tree({ ...SOURCES, 'k8s/cmhash.config.yaml': GENERATORS, 'k8s/deploy.yaml': DEPLOYMENT })
    const r = await cli(['build', 'k8s'], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const theirs = kustomize({
      ...Object.fromEntries(Object.entries(SOURCES).map(([k, v]) => [k.slice(4), v])),
      'deploy.yaml': files['k8s/deploy.yaml']!, 'kustomization.yaml': `${GENERATORS}resources: [deploy.yaml]\n`,
    })
    const [cm, secret, deployment] = names(r.stdout)
    expect([cm, secret]).toEqual(names(theirs).filter(n => n !== 'web').sort().reverse())
    expect(deployment).toBe('web')
    expect(r.stdout).toContain(`envFrom: [{configMapRef: {name: ${cm}}}, {secretRef: {name: ${secret}}}]`)
    // settings.json is read by the generator, not as a manifest.
    expect(r.stdout.match(/^kind: /gm)).toHaveLength(3)
  })

  it.skipIf(skipKubectl)('builds examples/generators with the names kubectl kustomize gives it', () => {
    const example = new URL('../../../examples/generators/', import.meta.url).pathname
    const theirs = execFileSync('kubectl', ['kustomize', join(example, 'before')], { encoding: 'utf8' })
    const ours = readFileSync(join(example, 'expected.yaml'), 'utf8')
    expect(names(ours).sort()).toEqual(names(theirs).sort())
    expect(names(ours)).toEqual(['web-nginx-5chmdm8t69', 'web-env-72c7hgh6hd', 'web-api-2b52g6cgc5', 'web'])
  })

  it('reads a file named like an Object property', async () => {
    tree({ 'k8s/cmhash.config.yaml': 'configMapGenerator:\n- {name: p, files: [__proto__, constructor]}\n', 'k8s/__proto__': 'x\n', 'k8s/constructor': 'y\n' })
    const r = await cli(['build', 'k8s'], { cwd: dir })
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout).toContain('\ndata:\n  "__proto__": |\n    x\n  constructor: |\n    y\n')
    if (skipKubectl) return
    const theirs = kustomize({ 'kustomization.yaml': 'configMapGenerator:\n- {name: p, files: [__proto__, constructor]}\n', ['__proto__']: 'x\n', constructor: 'y\n' })
    expect(names(r.stdout)).toEqual(names(theirs))
  })

  it('makes objects from a directory that holds no manifest', async () => {
    tree({ 'k8s/cmhash.config.yaml': 'configMapGenerator:\n- {name: only, files: [a.conf]}\n', 'k8s/a.conf': 'x\n' })
    const r = await cli(['build', 'k8s'], { cwd: dir })
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(names(r.stdout)).toEqual([expect.stringMatching(/^only-[a-z0-9]{10}$/)])
  })

  it('reads files relative to a --config elsewhere, and writes them under --output-dir', async () => {
    tree({ 'conf/cmhash.yaml': 'configMapGenerator:\n- {name: web, files: [data/nginx.conf]}\n', 'conf/data/nginx.conf': 'x\n', 'k8s/deploy.yaml': DEPLOYMENT })
    const r = await cli(['build', '--config', 'conf/cmhash.yaml', '-o', 'out', 'k8s'], { cwd: dir })
    expect(r.stderr).toMatch(/MISSING_REFERENCE.*creds/)
    expect(r.code).toBe(0)
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['cmhash.generated.yaml', 'deploy.yaml'])
    expect(readFileSync(join(dir, 'out/cmhash.generated.yaml'), 'utf8')).toMatch(/^# generated by cmhash from configMapGenerator\[0\] in conf\/cmhash.yaml\n/)
  })

  it('includes generated objects in the desired state of prune', async () => {
    tree({ 'k8s/cmhash.config.yaml': 'configMapGenerator:\n- {name: web, literals: [a=b]}\n' })
    const built = await cli(['build', 'k8s'], { cwd: dir })
    // The live state: what the build makes, and another version created
    // later, so only being desired keeps the generated one with --keep 1.
    const created = (yaml: string, at: string) => {
      const o = parseAllDocuments(yaml)[0]!.toJS()
      return { ...o, metadata: { ...o.metadata, namespace: 'default', creationTimestamp: at } }
    }
    writeFileSync(join(dir, 'live.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
      created(built.stdout, '2024-01-01T00:00:00Z'), created(built.stdout.replace(/web-[a-z0-9]{10}/, 'web-old0000000'), '2024-02-01T00:00:00Z'),
    ] }))
    const kinds = (await cli(['prune', '--print-kinds'])).stdout.trim()
    const r = await cli(['prune', '--live', 'live.json', '--live-kinds', kinds, '--keep', '1', '--output', 'names', 'k8s'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^ConfigMap +default +web-(?!old)[a-z0-9]{10} +keep +desired$/m)
  })

  it('points a duplicate of a manifest at the generator', async () => {
    tree({ 'k8s/cmhash.config.yaml': '# gen\nconfigMapGenerator:\n- name: web\n  literals: [a=b]\n', 'k8s/web.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n' })
    const r = await cli(['build', 'k8s'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('error: k8s/web.yaml:1:1: DUPLICATE_RESOURCE: ConfigMap default/web is defined twice: here and by configMapGenerator[0] at k8s/cmhash.config.yaml:3')
  })

  it('a KRM function (a ResourceList on stdin) with a configuration\'s generators: they go into its items, the one document', async () => {
    tree({ 'cmhash.config.yaml': 'configMapGenerator:\n- name: gen\n  literals: [A=1]\n' })
    const rl = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n' +
      '  spec: {containers: [{name: c, image: x, envFrom: [{configMapRef: {name: gen}}]}]}\n'
    const r = await cli(['build', '-q', '-'], { cwd: dir, stdin: rl })
    expect(r).toMatchObject({ code: 0, stderr: '' })
    const docs = parseAllDocuments(r.stdout).map(d => d.toJS())
    expect(docs).toHaveLength(1)
    expect(docs[0].kind).toBe('ResourceList')
    const [pod, cm] = docs[0].items
    expect(cm).toMatchObject({ kind: 'ConfigMap', metadata: { name: expect.stringMatching(/^gen-[a-z0-9]{10}$/) }, data: { A: '1' } })
    expect(pod.spec.containers[0].envFrom[0].configMapRef.name).toBe(cm.metadata.name)
    // Run again on its own output (kpt rewrites the package in place): nothing changes.
    expect((await cli(['build', '-q', '-'], { cwd: dir, stdin: r.stdout })).stdout).toBe(r.stdout)
    const json = JSON.parse((await cli(['build', '-q', '--format', 'json', '-'], { cwd: dir, stdin: rl })).stdout)
    expect(json).toMatchObject({ kind: 'ResourceList', items: [{ kind: 'Pod' }, { kind: 'ConfigMap', metadata: { name: cm.metadata.name } }] })
    // New content while the package still holds (and its Pod names) the earlier object: refused, not a silent stale reference.
    tree({ 'cmhash.config.yaml': 'configMapGenerator:\n- name: gen\n  literals: [A=2]\n' })
    const changed = await cli(['build', '-q', '-'], { cwd: dir, stdin: r.stdout })
    expect(changed).toMatchObject({ code: 1, stdout: '' })
    expect(changed.stderr).toContain(`DUPLICATE_RESOURCE: ConfigMap gen is made again as gen-`)
  })

  it('refuses generators in a KRM functionConfig', async () => {
    const rl = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  kind: CmhashConfig\n  secretGenerator: [{name: s, literals: [a=b]}]\n'
    const r = await cli(['build', '-'], { stdin: rl })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('error: <stdin>:6:20: INVALID_CONFIG: secretGenerator is not supported in a KRM function\'s functionConfig')
  })
})

describe('files generators cannot read', () => {
  const config = (files: string) => `configMapGenerator:\n- name: g\n  files: [${files}]\n`

  it.each([
    ['a missing file', {}, 'gone.txt', /k8s\/cmhash.config.yaml:3:11: GENERATOR_FILE: ConfigMap g: k8s\/gone.txt does not exist/],
    ['a directory', { 'k8s/d/x': 'x' }, 'd', /:3:11: GENERATOR_FILE: ConfigMap g: k8s\/d is a directory/],
    ['a path above the directory', { 'secret.txt': 'x' }, '../secret.txt', /:3:11: GENERATOR_FILE: .*leads outside/],
    ['an absolute path', {}, '/etc/hostname', /:3:11: GENERATOR_FILE: .*absolute path/],
  ] as const)('refuses %s, writing nothing', async (_, files, path, message) => {
    tree({ ...files, 'k8s/cmhash.config.yaml': config(path), 'k8s/deploy.yaml': DEPLOYMENT })
    const r = await cli(['build', '-o', 'out', 'k8s'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).toContain('nothing was written')
    expect(existsSync(join(dir, 'out'))).toBe(false)
  })

  it('refuses a symbolic link that leads outside, and follows one that stays inside', async () => {
    tree({ 'outside.txt': 'secret', 'k8s/real.txt': 'fine', 'k8s/cmhash.config.yaml': config('out.txt, in.txt, sub/up.txt') })
    symlinkSync(join(dir, 'outside.txt'), join(dir, 'k8s/out.txt'))
    symlinkSync('real.txt', join(dir, 'k8s/in.txt'))
    mkdirSync(join(dir, 'k8s/sub'))
    symlinkSync('../../outside.txt', join(dir, 'k8s/sub/up.txt'))
    const r = await cli(['build', 'k8s'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr.match(/GENERATOR_FILE/g)).toHaveLength(2)
    expect(r.stderr).toContain('k8s/out.txt is a symbolic link to a file outside')
    expect(r.stderr).toContain('k8s/sub/up.txt is a symbolic link to a file outside')
    tree({ 'k8s/cmhash.config.yaml': config('in.txt') })
    const ok = await cli(['build', 'k8s'], { cwd: dir })
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('in.txt: fine\n')
  })

  it('refuses what is not a regular file, and a file too large to read, without reading it', async () => {
    tree({ 'k8s/cmhash.config.yaml': config('fifo, huge.bin') })
    execFileSync('mkfifo', [join(dir, 'k8s/fifo')])
    writeFileSync(join(dir, 'k8s/huge.bin'), '')
    truncateSync(join(dir, 'k8s/huge.bin'), 17 * 1024 * 1024)
    const r = await cli(['build', 'k8s'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('GENERATOR_FILE: ConfigMap g: k8s/fifo cannot be read (not a regular file)')
    expect(r.stderr).toContain('OBJECT_TOO_LARGE: ConfigMap g: k8s/huge.bin is 17825792 bytes; Kubernetes rejects ConfigMaps and Secrets over 1 MiB')
  })

  it('locates problems in a JSON configuration too', async () => {
    tree({ 'cmhash.config.json': '{\n  "secretGenerator": [\n    {"name": "s", "envs": ["gone.env"]}\n  ]\n}\n' })
    const r = await cli(['build', '.'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('error: cmhash.config.json:3:28: GENERATOR_FILE: Secret s: gone.env does not exist')
  })

  it('checks generator files with cmhash config check', async () => {
    tree({ 'cmhash.config.yaml': config('here.txt, gone.txt'), 'here.txt': 'x' })
    const r = await cli(['config', 'check'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('cmhash.config.yaml:3:21: GENERATOR_FILE: ConfigMap g: gone.txt does not exist')
    tree({ 'cmhash.config.yaml': config('here.txt') })
    expect(await cli(['config', 'check'], { cwd: dir })).toEqual({ code: 0, stdout: 'cmhash.config.yaml: valid (the configuration a build of inputs in this directory uses)\n', stderr: '' })
  })
})
