// A `<<` merge key is read the way goyaml v2 (kubectl, the API server)
// reads it: entries in document order, the later one winning, so a merge
// after an explicit key overrides that key; in `<<: [*a, *b]` the earlier
// map wins. cmhash hashes, renames and rewrites what Kubernetes reads;
// every case is checked against kubectl.
import { describe, expect, it } from 'vitest'
import { build, CmhashError } from '@cmhash/core'
import { kubectlRead } from '../../../test/_utils/k8s-read.js'
import { skipKubectl } from '../../../test/_utils/kubectl.js'
import { undoPlannedEdits } from '../../../test/_utils/fidelity.js'

/** Builds, checks that kubectl reads the same from input and output but for the planned edits, and returns the result. */
function faithful(input: string, options: Parameters<typeof build>[1] = {}) {
  const result = build(input, options)
  const before = kubectlRead(input)
  expect(undoPlannedEdits(kubectlRead(result.output), result.renames, { inputObjects: before })).toEqual(before)
  return result
}

const configMap = (name: string, metadataExtra: string, data: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${metadataExtra}data:\n${data}`

const pod = (envFrom: string) => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: i
    envFrom:
${envFrom}`

const nameOf = (result: ReturnType<typeof build>, original: string) => {
  const to = result.renames.find(r => r.from === original)?.to
  expect(to).toMatch(new RegExp(`^${original}-[a-z0-9]{10}$`))
  return to
}
const all = { select: 'all' } as const

describe.skipIf(skipKubectl)('merge keys, read as Kubernetes reads them', () => {
  it('a merge after an explicit data key overrides it: the name hashes the merged value', () => {
    const merged = faithful(configMap('cfg', '  labels: &d {LOG: debug, MODE: fast}\n', '  LOG: info\n  <<: *d\n'), all)
    const plain = build(configMap('cfg', '', '  LOG: debug\n  MODE: fast\n'), all)
    expect(nameOf(merged, 'cfg')).toBe(nameOf(plain, 'cfg'))
  })

  it('an explicit key after the merge overrides the merged value', () => {
    const merged = faithful(configMap('cfg', '  labels: &d {LOG: debug, MODE: fast}\n', '  <<: *d\n  LOG: info\n'), all)
    const plain = build(configMap('cfg', '', '  LOG: info\n  MODE: fast\n'), all)
    expect(nameOf(merged, 'cfg')).toBe(nameOf(plain, 'cfg'))
  })

  it('in a list of merged maps the earlier map wins, and a merged map\'s own merges count', () => {
    const merged = faithful('apiVersion: v1\nkind: List\nitems:\n' +
      '- {apiVersion: v1, kind: Namespace, metadata: {name: n, labels: &d {LOG: debug, MODE: fast}, annotations: &e {A: one, <<: *d, LOG: z}}}\n' +
      '- {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {LOG: info, <<: [*e, *d], Q: q}}\n', all)
    const plain = build(configMap('cfg', '', '  A: one\n  LOG: z\n  MODE: fast\n  Q: q\n'), all)
    expect(nameOf(merged, 'cfg')).toBe(nameOf(plain, 'cfg'))
  })

  it('a reference whose name a later merge overrides: the merged name is the one rewritten', () => {
    const input = [
      configMap('a', '', '  k: "1"\n'),
      configMap('b', '', '  k: "2"\n'),
      pod('    - configMapRef: &ref {name: b}\n    - configMapRef:\n        name: a\n        <<: *ref\n'),
    ].join('---\n')
    const result = faithful(input, { select: 'referenced' })
    expect(result.renames.map(r => r.from)).toEqual(['b'])
    type Pod = { kind: string; spec: { containers: { envFrom: { configMapRef: { name: string } }[] }[] } }
    const refs = (kubectlRead(result.output) as Pod[]).filter(o => o.kind === 'Pod').flatMap(o => o.spec.containers[0]!.envFrom)
    expect(refs.map(r => r.configMapRef.name)).toEqual([nameOf(result, 'b'), nameOf(result, 'b')])
  })

  it('a name a later merge overrides cannot be renamed in place: refused, not renamed wrongly', () => {
    const input = `apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, metadata: &m {name: s}}\n` +
      '- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a, <<: *m, namespace: other}\n  data: {k: "1"}\n'
    kubectlRead(input) // kubectl reads it: the ConfigMap is other/s
    const error = (() => { try { build(input, { select: 'all' }) } catch (e) { return e as CmhashError } })()
    expect(error).toBeInstanceOf(CmhashError)
    expect(error!.errors.map(e => [e.code, e.message])).toEqual([['INVALID_RESOURCE', expect.stringContaining('ConfigMap other/s: its kind, metadata or name is written through')]])
  })
})

describe('a merge key whose value is not a map or a list of maps', () => {
  it.each([
    ['a scalar', '  labels: &d x\n', '  <<: *d\n'],
    ['null', '', '  <<:\n  k: v\n'],
    ['a list holding a scalar', '  labels: &d {a: b}\n', '  <<: [*d, x]\n'],
  ])('is refused, as kubectl refuses it: %s', (_, labels, data) => {
    const input = configMap('cfg', labels, data)
    const error = (() => { try { build(input) } catch (e) { return e as CmhashError } })()
    expect(error?.errors.map(e => e.code)).toEqual(['YAML_SYNTAX'])
    expect(error?.errors[0]!.message).toContain('merge key')
    if (!skipKubectl) expect(() => kubectlRead(input)).toThrow(/map merge requires map or sequence of maps/)
  })
})
