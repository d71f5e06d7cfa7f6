// YAML aliases share one node between places. An edit cmhash makes in one
// place (a label on a ConfigMap, a renamed reference) must never reach
// another place that shares the node: it is copied there instead, or the
// build is refused with both places named. Every case is checked the way
// Kubernetes reads it: kubectl reads input and output, and with the planned
// edits undone they must be equal.
import { describe, expect, it } from 'vitest'
import { build, CmhashError } from '@cmhash/core'
import { kubectlRead } from '../../../test/_utils/k8s-read.js'
import { skipKubectl } from '../../../test/_utils/kubectl.js'
import { undoPlannedEdits } from '../../../test/_utils/fidelity.js'

const list = (...items: string[]) =>
  `apiVersion: v1\nkind: List\nitems:\n${items.map(i => `${i.trimEnd().replace(/^/gm, '  ').replace(/^ {2}/, '- ')}\n`).join('')}`

const deployment = (selector: string, labels: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: ${selector}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
      - name: web
        image: nginx
        envFrom: [{configMapRef: {name: web-config}}]${extra}
`

const configMap = (labels: string, data = '{mode: prod}') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  labels: ${labels}
data: ${data}
`

/** Builds, checks that kubectl reads the same from input and output but for the planned edits, and returns the output. */
function faithful(input: string): string {
  const result = build(input)
  const before = kubectlRead(input)
  const after = kubectlRead(result.output)
  expect(undoPlannedEdits(after, result.renames, { inputObjects: before })).toEqual(before)
  return result.output
}

describe.skipIf(skipKubectl)('an edit never reaches a place that shares its node through an alias', () => {
  it('labels anchored on a ConfigMap and used as a Deployment selector: the selector is copied, unchanged', () => {
    const out = faithful(list(configMap('&labels {app: web}'), deployment('*labels', '*labels')))
    expect(out).toContain('matchLabels: {app: web}')
    expect(out).toContain('labels: &labels {cmhash.dev/managed: "true", app: web}')
  })

  it('block-style labels anchored on a ConfigMap', () => {
    const out = faithful(list(configMap('&labels\n    app: web\n    tier: "front end"'), deployment('*labels', '*labels')))
    expect(out).toContain('matchLabels: {app: web, tier: "front end"}')
  })

  it('the same labels used as the ConfigMap\'s data: the data keeps its keys, and the name hashes them', () => {
    faithful(list(configMap('&labels {app: web}', '*labels'), deployment('{app: web}', '{app: web}')))
  })

  it.each([
    ['right after the anchor', ''],
    ['after a comment line', '\n    # why'],
    ['after a blank line and a comment', '\n\n    # why'],
  ])('block-style annotations anchored on a ConfigMap, the pair added %s: the template\'s alias gets a copy', (_name, between) => {
    // cmhash adds its annotation as the first pair, at the start of a line
    // before the map's first item: inside the anchored node, though before
    // the offset its range starts at.
    const cm = configMap('{app: web}').replace('  labels: {app: web}', `  labels: {app: web}\n  annotations: &notes${between}\n    note: a b`)
    const out = faithful(list(cm, deployment('{app: web}', '{app: web}').replace('      labels: {app: web}', '      labels: {app: web}\n      annotations: *notes')))
    expect(out).toContain('annotations: {note: a b}')
  })

  it('block-style values that flow style reads otherwise (a "?" in them, a leading ":"): quoted in the copy', () => {
    // The ConfigMap's annotations are edited (cmhash.dev/name), so the
    // template's alias to them gets a copy in flow style; goyaml reads `?`
    // and a leading `:` there as indicators.
    const cm = configMap('{app: web}').replace('  labels: {app: web}', '  labels: {app: web}\n  annotations: &notes\n    note: what?\n    other: :x\n    third: ?y')
    const out = faithful(list(cm, deployment('{app: web}', '{app: web}').replace('      labels: {app: web}', '      labels: {app: web}\n      annotations: *notes')))
    expect(out).toContain('annotations: {note: "what?", other: ":x", third: "?y"}')
  })

  it('labels merged into a Deployment\'s with a merge key', () => {
    const out = faithful(list(configMap('&labels {app: web}'), deployment('{<<: *labels}', '{<<: *labels, tier: x}')))
    expect(out).toContain('labels: {<<: {app: web}, tier: x}')
  })

  it('a reference\'s name anchored and used as an environment value: the value keeps the old name', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    envFrom: [{configMapRef: {name: &n web-config}}]\n    env: [{name: CONFIG, value: *n}]\n`
    const out = faithful(list(configMap('{app: web}'), pod))
    expect(out).toContain('value: web-config}')
  })

  it('a reference reached through an alias whose anchor is also a reference: both renamed, the alias kept', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: i, envFrom: &ef [{configMapRef: {name: web-config}}]}\n  - {name: b, image: i, envFrom: *ef}\n`
    const out = faithful(list(configMap('{app: web}'), pod))
    expect(out).toContain('envFrom: *ef')
  })

  it('refuses when the shared node cannot be copied (it holds a tag), naming both places', () => {
    const input = list(configMap('&labels {app: !!str web}'), deployment('*labels', '{app: web}'))
    try {
      build(input)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CmhashError)
      const [error] = (e as CmhashError).errors
      expect(error).toMatchObject({ code: 'INVALID_RESOURCE', location: { line: 8 } })
      expect(error!.message).toContain('alias *labels at line 15')
    }
  })

  it('refuses an alias to an anchor of another document, as kubectl does', () => {
    const input = `${configMap('&labels {app: web}')}---\n${deployment('*labels', '{app: web}')}`
    expect(() => kubectlRead(input)).toThrow()
    try {
      build(input)
      expect.unreachable()
    } catch (e) {
      expect((e as CmhashError).errors.map(x => [x.code, x.location?.line])).toEqual([['YAML_SYNTAX', 13]])
    }
  })
})

describe.skipIf(skipKubectl)('alias amplification: refused exactly when kubectl refuses it', () => {
  // One container with M env references, anchored once and aliased N times.
  const amplified = (n: number, m: number) => 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n' +
    '      containers:\n      - &c\n        name: c\n        image: x\n        env:\n' +
    Array.from({ length: m }, (_, i) => `        - {name: E${i}, value: v}\n`).join('') +
    `      initContainers: [${Array(n).fill('*c').join(', ')}]\n`

  it.each([
    [100, 100, 'read'], [150, 150, 'refused'], [10, 4000, 'read'], [4, 30_000, 'read'], [6, 30_000, 'refused'], [100_000, 1, 'refused'], [1, 50_000, 'read'],
  ])('%i×%i: %s', (n, m, verdict) => {
    const input = amplified(n, m)
    let kubectlRefuses = false
    try {
      kubectlRead(input)
    } catch (e) {
      expect(String((e as { stderr?: unknown }).stderr)).toContain('excessive aliasing')
      kubectlRefuses = true
    }
    let cmhashRefuses = false
    try {
      build(input)
    } catch (e) {
      expect((e as CmhashError).errors.map(x => x.code)).toEqual(['ALIAS_LIMIT'])
      cmhashRefuses = true
    }
    expect(kubectlRefuses).toBe(verdict === 'refused')
    expect(cmhashRefuses).toBe(kubectlRefuses)
  })
})

describe('alias expansion bounded per build', () => {
  // Each document expands to under goyaml's per-document bound; many of them
  // together would still make a small input slow to read.
  const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\nx:\n  a: &a [${Array(3900).fill('x').join(',')}]\n  b: [${Array(100).fill('*a').join(',')}]\n`

  it('reads a few such documents, and refuses past the bound for the whole input', () => {
    expect(build(Array.from({ length: 5 }, (_, i) => doc(i)).join('---\n')).warnings).toEqual([])
    try {
      build(Array.from({ length: 40 }, (_, i) => doc(i)).join('---\n'))
      expect.unreachable()
    } catch (e) {
      const errors = (e as CmhashError).errors
      expect(errors.map(x => x.code)).toEqual(['ALIAS_LIMIT'])
      expect(errors[0]!.message).toContain('in all')
    }
  })
})
