// Each defect of issue 10, through the real `cmhash` process, as a user
// would meet it. (The library-level tests cover each class more widely;
// these make sure the shipped bin behaves.)
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { kubectlRead } from './_utils/k8s-read.js'
import { skipKubectl } from './_utils/kubectl.js'

const bin = new URL('../packages/cli/bin/cmhash.js', import.meta.url).pathname
const DEPLOY = (ref: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: ${ref}}}]}]}\n`

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmhash-regression-'))
})

function file(name: string, content: string): string {
  mkdirSync(join(dir, name, '..'), { recursive: true })
  writeFileSync(join(dir, name), content)
  return name
}

function cmhash(...args: string[]) {
  const r = spawnSync('node', [bin, ...args], { cwd: dir, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe.skipIf(skipKubectl)('issue 10, through the real process', () => {
  it('1. a block scalar ending a file, with a comment after it, keeps its line break when another file follows', () => {
    file('in/a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  start.sh: |\n    echo start\n# trailing comment')
    file('in/b.yaml', DEPLOY('app'))
    const r = cmhash('build', 'in')
    expect(r.code).toBe(0)
    const [cm] = kubectlRead(r.stdout) as any[]
    expect(cm.data['start.sh']).toBe('echo start\n')
  })

  it('2. labels anchored on a ConfigMap and used as a selector: the selector is not touched', () => {
    file('list.yaml', `apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: app, labels: &l {app: web}}, data: {k: v}}\n` +
      '- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: web}\n  spec:\n    selector: {matchLabels: *l}\n    template:\n      metadata: {labels: *l}\n' +
      '      spec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: app}}]}]}\n')
    const r = cmhash('build', 'list.yaml')
    expect(r.code).toBe(0)
    const [, deploy] = kubectlRead(r.stdout) as any[]
    expect(deploy.spec.selector.matchLabels).toEqual({ app: 'web' })
    expect(deploy.spec.template.metadata.labels).toEqual({ app: 'web' })
  })

  it('3. a reference written as a block scalar: replaced, the next key kept on its line', () => {
    file('a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {k: v}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n' +
      'spec:\n  containers: [{name: c, image: i}]\n  volumes:\n  - name: v\n    configMap:\n      name: >-\n        cm\n      defaultMode: 420\n')
    const r = cmhash('build', '-q', 'a.yaml')
    expect(r.code).toBe(0)
    const [cm, pod] = kubectlRead(r.stdout) as any[]
    expect(pod.spec.volumes[0].configMap).toEqual({ name: cm.metadata.name, defaultMode: 420 })
  })

  it('4. a data key __proto__ counts in the name: two contents, two names', () => {
    file('a/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {"__proto__": one}\n')
    file('a/d.yaml', DEPLOY('app'))
    file('b/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {"__proto__": two}\n')
    file('b/d.yaml', DEPLOY('app'))
    const name = (out: string) => /name: (app-[a-z0-9]{10})/.exec(out)?.[1]
    const a = name(cmhash('build', 'a').stdout)
    const b = name(cmhash('build', 'b').stdout)
    expect(a).toBeDefined()
    expect(b).toBeDefined()
    expect(a).not.toBe(b)
  })

  it('6. nothing a library prints: a collection key in a Secret reaches stderr only as cmhash\'s message', () => {
    file('rl.yaml', 'apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: s}\n  stringData:\n    ? [password, hunter2-SECRET]\n    : x\n')
    const r = spawnSync('bash', ['-c', `node ${bin} build - < rl.yaml`], { cwd: dir, encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).not.toContain('hunter2-SECRET')
    expect(r.stderr).not.toContain('Warning:')
  })

  it('7. --format json keeps int64 exact and 0o644 an integer', () => {
    file('w.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {big: 9223372036854775807, mode: 0o644}\n')
    const r = cmhash('build', '-q', '--format', 'json', 'w.yaml')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('"big": 9223372036854775807')
    expect(r.stdout).toContain('"mode": 420')
  })

  it('8. a name with an escape sequence and a line break is printed escaped, one line per message', () => {
    file('x.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "a\\n::error::b\\u001b[31m"}\ndata: {k: 1}\n')
    const r = cmhash('build', 'x.yaml')
    expect(r.code).toBe(1)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(2)
    expect(r.stderr).toContain('a\\n::error::b\\x1b[31m')
  })
})
