// What the output looks like: only renamed names and cmhash's own fields
// change; comments, order, quoting, flow style and layout stay as written.
import { describe, expect, it } from 'vitest'
import { build, hashConfigMap } from '@cmhash/core'
import { source } from '../../../test/_utils/source.js'
import { find, objects, run } from './_build.js'
import { kubectlRead } from '../../../test/_utils/k8s-read.js'
import { skipKubectl } from '../../../test/_utils/kubectl.js'

const H = hashConfigMap({ data: { k: 'v' } })

describe('edits in place', () => {
  it('keeps comments, key order and quoting, and adds cmhash fields next to what they belong to', () => {
    const input = source`
      # The app's settings.
      apiVersion: v1
      kind: ConfigMap # trailing comment
      metadata:
        name: app # the name
        namespace: web
      data:
        k: v # value comment
      ---
      # The workload.
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: web}
      spec:
        template:
          spec:
            containers:
            - name: app
              image: "app:1"
              env:
              - name: A
                valueFrom:
                  configMapKeyRef: {name: 'app', key: k}
              envFrom:
              - configMapRef:
                  name: "app" # quoted
    `
    expect(run(input).output).toBe(source`
      # The app's settings.
      apiVersion: v1
      kind: ConfigMap # trailing comment
      immutable: true
      metadata:
        name: app-${H} # the name
        labels:
          cmhash.dev/managed: "true"
        annotations:
          cmhash.dev/name: app
        namespace: web
      data:
        k: v # value comment
      ---
      # The workload.
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: web}
      spec:
        template:
          spec:
            containers:
            - name: app
              image: "app:1"
              env:
              - name: A
                valueFrom:
                  configMapKeyRef: {name: 'app-${H}', key: k}
              envFrom:
              - configMapRef:
                  name: "app-${H}" # quoted
    `)
  })

  it('adds to existing labels and annotations, keeping their comments attached', () => {
    const input = source`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app
        labels:
          # who owns it
          team: a
        annotations: {note: "x"}
      data: {k: v}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: app}}]}]}
    `
    expect(run(input).output.split('---')[0]).toBe(source`
      apiVersion: v1
      kind: ConfigMap
      immutable: true
      metadata:
        name: app-${H}
        labels:
          cmhash.dev/managed: "true"
          # who owns it
          team: a
        annotations: {cmhash.dev/name: app, note: "x"}
      data: {k: v}
    `)
  })

  it('fills empty labels and annotations', () => {
    const input = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  labels:\n  annotations: ~\ndata: {k: v}\n' +
      '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}], volumes: [{name: v, configMap: {name: app}}]}\n'
    const out = find(run(input).output, 'ConfigMap', 'app')
    expect(out.metadata).toEqual({ name: `app-${H}`, labels: { 'cmhash.dev/managed': 'true' }, annotations: { 'cmhash.dev/name': 'app' } })
  })

  it('sets immutable: false to true, with a warning, and leaves immutable: true alone', () => {
    const pod = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}], volumes: [{name: v, configMap: {name: app}}]}\n'
    const mutable = run(`apiVersion: v1\nkind: ConfigMap\nimmutable: false\nmetadata: {name: app}\ndata: {k: v}\n${pod}`)
    expect(mutable.output).toContain('immutable: true\n')
    // The bare Pod must be recreated when the name changes (at the ConfigMap, line 1), then the override (line 3).
    expect(mutable.warnings).toMatchObject([{ code: 'RECREATE_REQUIRED', location: { line: 1 } }, { code: 'IMMUTABLE_OVERRIDDEN', location: { line: 3, col: 12 } }])
    const already = run(`apiVersion: v1\nkind: ConfigMap\nimmutable: true\nmetadata: {name: app}\ndata: {k: v}\n${pod}`)
    expect(already.output.match(/immutable/g)).toHaveLength(1)
  })

  it.each([
    ['"false"', ['IMMUTABLE_OVERRIDDEN']],
    ["'true'", ['IMMUTABLE_OVERRIDDEN']],
    ['~', []],
    ['null', []],
  ])('immutable: %s (a string the API server refuses, or null, which is unset) becomes true', (written, codes) => {
    const result = run(`apiVersion: v1\nkind: ConfigMap\nimmutable: ${written}\nmetadata: {name: app}\ndata: {k: v}\n`, { select: 'all', warnings: { UNREFERENCED: 'ignore' } })
    expect(result.output).toContain('immutable: true\n')
    expect(result.warnings.map(w => w.code)).toEqual(codes)
    if (codes.length > 0) expect(result.warnings[0]!.message).toContain(`immutable: ${written} (not a boolean`)
  })

  it('keeps JSON input valid JSON', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', labels: { a: 'b' } }, data: { k: 'v' } }
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }], volumes: [{ name: 'v', configMap: { name: 'app' } }] } }
    const { files } = build([{ path: 'cm.json', content: JSON.stringify(cm, null, 2) }, { path: 'pod.json', content: JSON.stringify(pod) }])
    expect(JSON.parse(files[0]!.content)).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap', immutable: true,
      metadata: { name: `app-${H}`, annotations: { 'cmhash.dev/name': 'app' }, labels: { 'cmhash.dev/managed': 'true', a: 'b' } },
      data: { k: 'v' },
    })
    expect(JSON.parse(files[1]!.content).spec.volumes[0].configMap.name).toBe(`app-${H}`)
    expect(files[0]!.content).toContain(`{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "immutable": true,\n`)
  })

  it('writes CRLF where the file uses CRLF', () => {
    const input = 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: app\r\ndata:\r\n  k: v\r\n---\r\n' +
      'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers: [{name: c, image: i, envFrom: [{configMapRef: {name: app}}]}]\r\n'
    const { output } = run(input)
    expect(output.replaceAll('\r\n', '')).not.toContain('\n')
    expect(find(output, 'ConfigMap', 'app').metadata.name).toBe(`app-${H}`)
    expect(find(output, 'Pod', 'p').spec.containers[0].envFrom[0].configMapRef.name).toBe(`app-${H}`)
  })

  it('transforms the items of a List and of typed lists, keeping the list', () => {
    const input = source`
      apiVersion: v1
      kind: ConfigMapList
      items:
      - apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app
        data:
          k: v
      ---
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers: [{name: c, image: i}]
          volumes: [{name: v, configMap: {name: app}}]
    `
    const [cmList, list] = objects(run(input).output)
    expect(cmList!.items[0].metadata.name).toBe(`app-${H}`)
    expect(cmList!.items[0].immutable).toBe(true)
    expect(list!.items[0].spec.volumes[0].configMap.name).toBe(`app-${H}`)
    expect(run(input).output).toContain('\n  kind: ConfigMap\n  immutable: true\n  metadata:\n    name: app-')
  })

  it('follows YAML aliases and merge keys the way Kubernetes reads them', () => {
    const input = source`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app}
      data:
        <<: {k: v}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - {name: a, image: i, envFrom: [{configMapRef: &ref {name: app}}]}
        - {name: b, image: i, envFrom: [{configMapRef: *ref}]}
    `
    const { output } = run(input)
    expect(find(output, 'ConfigMap', 'app').metadata.name).toBe(`app-${H}`)
    expect(output).toContain(`configMapRef: &ref {name: app-${H}}`)
    expect(output).toContain('configMapRef: *ref}')
  })
})

describe('streams', () => {
  it('drops empty documents and keeps separators and the comments on them', () => {
    const input = '---\n# Source: chart/templates/empty.yaml\n---\n# Source: chart/templates/cm.yaml\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n---\napiVersion: v1\nkind: Service\nmetadata: {name: t}\n'
    expect(run(input).output).toBe('---\n# Source: chart/templates/cm.yaml\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: t}\n')
  })

  it('joins files into one stream that splits back into the same documents', () => {
    const { output } = build([
      { path: 'a.yaml', content: 'apiVersion: v1\nkind: Service\nmetadata: {name: a}' },
      { path: 'b.yaml', content: '# licence header\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n' },
      { path: 'c.yaml', content: 'apiVersion: v1\nkind: Service\nmetadata: {name: c}\n' },
    ])
    expect(output).toBe('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n# licence header\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: c}\n')
    expect(objects(output).map(o => o.metadata.name)).toEqual(['a', 'b', 'c'])
  })

  it('mirrors each file whole, empty documents and all, for --output-dir', () => {
    const content = '# head\n---\n---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\n'
    expect(build([{ path: 'a.yaml', content }]).files).toEqual([{ path: 'a.yaml', content }])
  })

  it('passes documents that are not Kubernetes objects through, with a warning', () => {
    const r = run('replicaCount: 3\nimage: {tag: x}\n')
    expect(r.output).toBe('replicaCount: 3\nimage: {tag: x}\n')
    expect(r.warnings).toMatchObject([{ code: 'NOT_A_RESOURCE', location: { line: 1, col: 1 } }, { code: 'EMPTY_INPUT' }])
  })
})

describe('idempotence and determinism', () => {
  const input = source`
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: app, namespace: a}
    data: {k: v}
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: creds, namespace: a}
    stringData: {password: hunter2}
    ---
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: nightly, namespace: a}
    spec:
      jobTemplate:
        spec:
          template:
            spec:
              containers: [{name: c, image: i, envFrom: [{configMapRef: {name: app}}, {secretRef: {name: creds}}]}]
  `

  it('changes nothing when run on its own output', () => {
    const once = run(input)
    const twice = run(once.output)
    expect(twice.output).toBe(once.output)
    expect(twice.renames.map(r => [r.from, r.to])).toEqual(once.renames.map(r => [r.to, r.to]))
    expect(twice.warnings).toEqual([])
  })

  it('gives the same bytes every time', () => {
    expect(run(input).output).toBe(run(input).output)
  })

  it('renames again, and follows, when content in already-hashed output changes', () => {
    const once = run(input).output
    const edited = once.replace('data: {k: v}', 'data: {k: changed}')
    const again = run(edited)
    const name = `app-${hashConfigMap({ data: { k: 'changed' } })}`
    expect(find(again.output, 'ConfigMap', 'app').metadata.name).toBe(name)
    expect(find(again.output, 'CronJob', 'nightly').spec.jobTemplate.spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(name)
  })

  it('does not modify or keep references to its input', () => {
    const inputs = Object.freeze([Object.freeze({ path: 'in.yaml', content: input })])
    expect(() => build(inputs)).not.toThrow()
  })
})

describe.skipIf(skipKubectl)('names and references in every scalar style, as kubectl reads them', () => {
  // A block scalar's range runs past its final line break: replacing all of
  // it joined the next line onto the new name (`name: "cm-…"  defaultMode:`).
  // Each style is written at the indentation `pad` of its key.
  const styles: Record<string, (pad: string) => string> = {
    plain: () => 'cm',
    single: () => "'cm'",
    double: () => '"cm"',
    'double over two lines': pad => `"c\\\n${pad}  m"`,
    'literal, strip': pad => `|-\n${pad}  cm`,
    'folded, strip': pad => `>-\n${pad}  cm`,
    'literal, strip, indentation indicator': pad => `|2-\n${pad}  cm`,
    'folded, strip, blank line and comment after': pad => `>-\n${pad}  cm\n\n${pad}# a comment`,
    'plain, blank line after': pad => `cm\n${pad}`,
  }
  const input = (name: (pad: string) => string, i: number) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name('  ')}\ndata: {k: v}\n---\n` +
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers: [{name: c, image: i}]\n  volumes:\n  - name: v\n    configMap:\n` +
    `      name: ${name('      ')}\n      defaultMode: 420\n`
  const cases = Object.entries(styles).map(([style, name], i) => [style, input(name, i)] as const)

  it.each(cases)('%s', (_style, yaml) => {
    const { output, renames } = run(yaml)
    expect(renames).toHaveLength(1)
    const [cm, pod] = kubectlRead(output) as any[]
    expect(cm.metadata.name).toBe(`cm-${H}`)
    expect(pod.spec.volumes).toEqual([{ name: 'v', configMap: { name: `cm-${H}`, defaultMode: 420 } }])
  })

  it('CRLF line ends', () => {
    const [, pod] = kubectlRead(run(cases[4]![1].replaceAll('\n', '\r\n')).output) as any[]
    expect(pod.spec.volumes).toEqual([{ name: 'v', configMap: { name: `cm-${H}`, defaultMode: 420 } }])
  })
})
