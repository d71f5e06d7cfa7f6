// Odd but legal layouts, each once found to break the output: the output
// must parse, mean what the input meant, and not change when rebuilt.
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { build, CmhashError, hashConfigMap, type BuildInput } from '@cmhash/core'
import { source } from '../../../test/_utils/source.js'
import { errorsOf, find, objects, run } from './_build.js'
import { kubectlRead } from '../../../test/_utils/k8s-read.js'
import { skipKubectl } from '../../../test/_utils/kubectl.js'

const H = hashConfigMap({ data: { A: 'b' } })
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    envFrom: [{configMapRef: {name: web}}]\n'

/** Builds, checks the output parses and rebuilds to itself, and returns it. */
function stable(input: string | readonly BuildInput[]): string {
  const { output } = build(input)
  for (const d of parseAllDocuments(output)) expect(d.errors).toEqual([])
  expect(build(output).output).toBe(output)
  return output
}

const codes = (fn: () => unknown): string[] => errorsOf(fn).map(x => x.code)

describe('aliases in references', () => {
  it('replaces an alias used as a name, not the anchor it points at', () => {
    const input = source`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: web}
      data: {A: b}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: &app web
        labels: {app: *app}
      spec:
        selector: {matchLabels: {app: *app}}
        template:
          metadata: {labels: {app: *app}}
          spec:
            containers:
            - name: *app
              image: nginx
              envFrom: [{configMapRef: {name: *app}}]
    `
    const out = stable(input)
    const d = find(out, 'Deployment', 'web')
    expect(d.metadata.labels.app).toBe('web')
    expect(d.spec.selector.matchLabels.app).toBe('web')
    expect(d.spec.template.spec.containers[0].name).toBe('web')
    expect(d.spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(`web-${H}`)
  })

  it('renames a reference inside a shared node whose anchor is not itself that reference in a copy, leaving the anchor as it was', () => {
    const input = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {A: b}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nx-common: &ref {name: web}\nspec:\n  containers: [{name: c, image: i, envFrom: [{configMapRef: *ref}]}]\n`
    const out = stable(input)
    const pod = find(out, 'Pod', 'p')
    expect(pod['x-common']).toEqual({ name: 'web' })
    expect(pod.spec.containers[0].envFrom[0].configMapRef.name).toBe(find(out, 'ConfigMap', 'web').metadata.name)
    expect(out).toContain('envFrom: [{configMapRef: {name: web-')
  })

  it('refuses one anchor that names two objects renamed differently', () => {
    const input = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {A: b}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: x}\ndata: {A: Yg==}\n---\n' +
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i, envFrom: [{configMapRef: {name: &n x}}, {secretRef: {name: *n}}]}]\n'
    const out = stable(input)
    const env = find(out, 'Pod', 'p').spec.containers[0].envFrom
    expect(env[0].configMapRef.name).toBe(find(out, 'ConfigMap', 'x').metadata.name)
    expect(env[1].secretRef.name).toBe(find(out, 'Secret', 'x').metadata.name)
  })

  it('reports recursive aliases as an alias error, not a crash', () => {
    expect(codes(() => build('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: &s\n  x: *s\n'))).toEqual(['ALIAS_LIMIT'])
    expect(codes(() => build('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: p}\ndata: &d\n  <<: *d\n'))).toEqual(['ALIAS_LIMIT'])
  })
})

describe('values written as nothing', () => {
  it('fills `immutable:`, `labels: # comment` and friends without gluing text together', () => {
    const input = `${POD}---\napiVersion: v1\nkind: ConfigMap\nimmutable: # set by cmhash\nmetadata:\n  name: web\n  labels: # none yet\n  annotations: ~\ndata:\n  A: b\n`
    const out = stable(input)
    expect(out).toContain('immutable: true # set by cmhash\n')
    expect(out).toContain('  labels: {cmhash.dev/managed: "true"} # none yet\n')
    expect(find(out, 'ConfigMap', 'web')).toMatchObject({ immutable: true, metadata: { name: `web-${H}`, annotations: { 'cmhash.dev/name': 'web' } } })
  })

  it('fills `immutable:` at the very end of a file', () => {
    expect(stable(`${POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {A: b}\nimmutable:`)).toMatch(/immutable: true\n$/)
  })

  it('refuses a flow-map `immutable` with no value, and a tagged empty labels', () => {
    expect(codes(() => build(`${POD}---\n{apiVersion: v1, kind: ConfigMap, immutable, metadata: {name: web}, data: {A: b}}\n`))).toEqual(['INVALID_RESOURCE'])
    expect(codes(() => build(`${POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels: !!null\ndata: {A: b}\n`))).toEqual(['INVALID_RESOURCE'])
  })
})

describe("cmhash's own entries", () => {
  const cm = (meta: string) => `${POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n${meta}data:\n  A: b\n`

  it('refuses labels or annotations of its own written through aliases or as maps', () => {
    expect(codes(() => build(cm('  x: &t "true"\n  labels:\n    cmhash.dev/managed: *t\n')))).toEqual(['INVALID_RESOURCE'])
    expect(codes(() => build(cm('  annotations:\n    cmhash.dev/name: {a: b}\n')))).toEqual(['INVALID_RESOURCE'])
  })

  it('fills an empty cmhash.dev/name and quotes an unquoted managed label', () => {
    const out = stable(cm('  labels:\n    cmhash.dev/managed: true\n  annotations:\n    cmhash.dev/name: ""\n'))
    expect(out).toContain('cmhash.dev/managed: "true"')
    expect(find(out, 'ConfigMap', 'web').metadata).toEqual({
      name: `web-${H}`, labels: { 'cmhash.dev/managed': 'true' }, annotations: { 'cmhash.dev/name': 'web' },
    })
  })

  it('rejects an unquoted cmhash.dev/hash: true, which Kubernetes reads as a boolean', () => {
    expect(codes(() => build(cm('  annotations:\n    cmhash.dev/hash: true\n')))).toEqual(['INVALID_ANNOTATION'])
  })
})

describe('layouts', () => {
  it('handles ConfigMapList items that leave kind to the list', () => {
    const out = stable(`apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata:\n    name: web\n  data:\n    A: b\n---\n${POD}`)
    expect(objects(out)[0]!.items[0]).toMatchObject({ immutable: true, metadata: { name: `web-${H}` } })
  })

  it('refuses explicit `? key` layouts it cannot edit safely', () => {
    expect(codes(() => build(`${POD}---\napiVersion: v1\n? kind\n: ConfigMap\nmetadata: {name: web}\ndata: {A: b}\n`))).toEqual(['INVALID_RESOURCE'])
    expect(codes(() => build(`${POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels:\n    ? a\n    : b\ndata: {A: b}\n`))).toEqual(['INVALID_RESOURCE'])
  })

  // kubectl refuses a document with a directive; cmhash says so instead of
  // writing a stream kubectl cannot read.
  it('refuses a %YAML directive, as kubectl does', () => {
    expect(errorsOf(() => build([
      { path: 'f1.yaml', content: POD },
      { path: 'f2.yaml', content: '%YAML 1.1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  A: b\n' },
    ])).map(e => [e.code, e.location?.file, e.location?.line])).toEqual([['YAML_SYNTAX', 'f2.yaml', 1]])
  })

  // kubectl reads the end of a file as a line break; kustomize (goyaml v3)
  // does not. The output ends the block with a real line break, so every
  // reader agrees, and the name is the hash of what kubectl reads.
  it.skipIf(skipKubectl).each([
    ['a block scalar', '  A: |\n    x'],
    ['a block scalar and a comment line', '  A: |\n    x\n# the end'],
    ['a block scalar and a line of spaces', '  A: |\n    x\n  '],
    ['a block scalar and a line of more spaces than its indentation', '  A: |\n    x\n      '],
    ['keep chomping and a line of spaces', '  A: |+\n    x\n  '],
    ['a folded scalar', '  A: >\n    x\n    y'],
  ])('reads %s at the end of a file as kubectl does, and keeps its value when a document follows', (_name, tail) => {
    const cm = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n${tail}`
    const [read] = kubectlRead(cm) as any[]
    const r = build([{ path: 'cm.yaml', content: cm }, { path: 'pod.yaml', content: POD }])
    expect(r.renames[0]!.to).toBe(`web-${hashConfigMap({ data: read.data })}`)
    const [out] = kubectlRead(r.output) as any[]
    expect(out.data).toEqual(read.data)
    expect(objects(r.output)[0]!.data).toEqual(read.data)
    expect(build(r.output).output).toBe(r.output)
  })
})

describe('no Secret value in any message', () => {
  it.each([
    ['stringData:\n  password: |hunter2\n'],
    ['stringData:\n  password: >+hunter2 and more\n'],
    ['stringData:\n  password: "ab\\uZZ99hunter2"\n'],
    ['stringData:\n  password: !e!hunter2 x\n'],
  ])('%j', body => {
    try {
      run(`apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n${body}`)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CmhashError)
      expect(JSON.stringify((e as CmhashError).errors) + (e as Error).message).not.toContain('hunter2')
    }
  })

  it('rejects !!binary data, which Kubernetes decodes to bytes', () => {
    expect(codes(() => run('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {A: !!binary aGVsbG8=}\n'))).toEqual(['DATA_NOT_STRING'])
  })
})
