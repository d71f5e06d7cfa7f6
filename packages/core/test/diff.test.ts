// cmhash diff in the library: what changed between two builds, matched by
// original name, and exactly what rolls because of it.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { build, CmhashError, diff, DiffError, formatDiffMarkdown, formatDiffTable, type DiffResult } from '@cmhash/core'
import { source } from '../../../test/_utils/source.js'

const cm = (name: string, data: string, ns = 'shop') => source`
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: ${name}, namespace: ${ns}}
  data: ${data}
`
const deployment = (name: string, uses: string[], ns = 'shop', image = 'app:1') => source`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: ${name}, namespace: ${ns}}
  spec:
    template:
      spec:
        containers:
        - name: app
          image: ${image}
          envFrom: [${uses.map(u => `{configMapRef: {name: ${u}}}`).join(', ')}]
`
const stream = (...docs: string[]) => docs.join('---\n')

const BASE = stream(
  cm('a', '{ONE: "1", TWO: "2"}'),
  cm('b', '{X: ex}'),
  deployment('uses-a', ['a']),
  deployment('uses-b', ['b']),
  deployment('uses-both', ['a', 'b']),
)

/** The parts of a result a case looks at: who rolls, what changed, per key. */
function verdict(r: DiffResult) {
  return {
    configs: r.configs.map(c => ({ name: `${c.kind} ${c.namespace}/${c.name}`, renamed: c.from !== c.to, ...c.keys })),
    affected: r.affected.map(a => `${a.kind} ${a.namespace}/${a.name} ${a.effect}`),
    added: r.added.map(o => `${o.kind} ${o.name}`),
    removed: r.removed.map(o => `${o.kind} ${o.name}`),
    changed: r.changed.map(o => `${o.kind} ${o.name}`),
  }
}
const NOTHING = { configs: [], affected: [], added: [], removed: [], changed: [] }

describe('diff', () => {
  it.each([
    ['one key of one ConfigMap: exactly its users roll', BASE.replace('ONE: "1"', 'ONE: "one"'), {
      ...NOTHING,
      configs: [{ name: 'ConfigMap shop/a', renamed: true, added: [], removed: [], changed: ['ONE'] }],
      affected: ['Deployment shop/uses-a rolls', 'Deployment shop/uses-both rolls'],
    }],
    ['a renamed key: one removed, one added', BASE.replace('TWO:', 'THREE:'), {
      ...NOTHING,
      configs: [{ name: 'ConfigMap shop/a', renamed: true, added: ['THREE'], removed: ['TWO'], changed: [] }],
      affected: ['Deployment shop/uses-a rolls', 'Deployment shop/uses-both rolls'],
    }],
    ['comments, key order, quoting and flow/block style: nothing', stream(
      source`
        # settings
        apiVersion: v1
        kind: ConfigMap
        data:
          TWO: '2'   # two
          ONE: |-
            1
        metadata:
          namespace: shop
          name: a
      `,
      cm('b', '{"X": "ex"}'), deployment('uses-a', ['a']), deployment('uses-b', ['b']), deployment('uses-both', ['a', 'b']),
    ), NOTHING],
    ['objects in another order: nothing', stream(
      deployment('uses-both', ['a', 'b']), cm('b', '{X: ex}'), deployment('uses-b', ['b']), cm('a', '{TWO: "2", ONE: "1"}'), deployment('uses-a', ['a']),
    ), NOTHING],
    ['objects added and removed, of any kind', stream(
      cm('a', '{ONE: "1", TWO: "2"}'), cm('b', '{X: ex}'), deployment('uses-a', ['a']), deployment('uses-both', ['a', 'b']),
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
      cm('c', '{Z: zed}'),
    ), {
      ...NOTHING,
      added: ['Namespace shop', 'ConfigMap c'],
      removed: ['Deployment uses-b'],
    }],
    ['a workload whose own spec changed is changed, not rolled', BASE.replace('name: uses-b, namespace: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app:1', 'name: uses-b, namespace: shop}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: app:2'), {
      ...NOTHING,
      changed: ['Deployment uses-b'],
    }],
    ['a workload that switches to another ConfigMap is changed', BASE.replace('envFrom: [{configMapRef: {name: b}}]', 'envFrom: [{configMapRef: {name: a}}]'), {
      ...NOTHING,
      changed: ['Deployment uses-b'],
    }],
  ])('%s', (_name, head, expected) => {
    expect(verdict(diff(BASE, head))).toEqual(expected)
  })

  it('matches objects moved between files, and already-hashed input by its original name', () => {
    const files = [{ path: 'config.yaml', content: stream(cm('a', '{ONE: "1", TWO: "2"}'), cm('b', '{X: ex}')) },
      { path: 'apps.yaml', content: stream(deployment('uses-a', ['a']), deployment('uses-b', ['b']), deployment('uses-both', ['a', 'b'])) }]
    expect(verdict(diff(BASE, files))).toEqual(NOTHING)
    const moved = [{ path: 'apps.yaml', content: stream(files[1]!.content, files[0]!.content) }]
    expect(verdict(diff(files, moved))).toEqual(NOTHING)
    // cmhash's own output as input: names carry the hash, matched by cmhash.dev/name.
    const built = build(BASE).output
    expect(verdict(diff(built, BASE))).toEqual(NOTHING)
    expect(verdict(diff(built, build(BASE.replace('X: ex', 'X: why')).output))).toMatchObject({
      configs: [{ name: 'ConfigMap shop/b', changed: ['X'] }],
      affected: ['Deployment shop/uses-b rolls', 'Deployment shop/uses-both rolls'],
    })
  })

  it('reads values as kubectl does: a block scalar ending the file keeps its line break', () => {
    const config = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\ndata:\n  K: |\n    v\n'
    const app = deployment('d', ['a'])
    const withBreak = `${config}---\n${app}`
    expect(verdict(diff(withBreak, `${config}---\n${app.trimEnd()}`))).toEqual(NOTHING)
    // The block scalar ends the file without a line break: kubectl reads
    // the end of the file as one, so its value is still "v\n".
    const last = `${app}---\n${config.trimEnd()}`
    expect(verdict(diff(withBreak, last))).toEqual(NOTHING)
    // Strip chomping does drop it: the key changes, and so does the name.
    const r = diff(last, `${app}---\n${config.trimEnd().replace('|', '|-')}\n`)
    expect(verdict(r).configs).toEqual([{ name: 'ConfigMap shop/a', renamed: true, added: [], removed: [], changed: ['K'] }])
  })

  it('tells the effect: Deployments roll, bare Pods are recreated, other objects update', () => {
    const base = stream(
      cm('tls', '{crt: one}'),
      'apiVersion: v1\nkind: Secret\nmetadata: {name: cert, namespace: shop}\nstringData: {tls.crt: one}\n',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: site, namespace: shop}\nspec: {tls: [{secretName: cert}]}\n',
      deployment('web', ['tls']),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: debug, namespace: shop}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: tls}}]}]}\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: other, namespace: shop}\nspec: {template: {spec: {containers: [{name: c, image: i}]}}}\n',
    )
    const r = diff(base, base.replaceAll('crt: one', 'crt: two'))
    expect(r.affected.map(a => [a.kind, a.name, a.effect, a.because.map(b => `${b.kind} ${b.name} ${b.path}`)])).toEqual([
      ['Deployment', 'web', 'rolls', ['ConfigMap tls spec.template.spec.containers[0].envFrom[0].configMapRef.name']],
      ['Ingress', 'site', 'updates', ['Secret cert spec.tls[0].secretName']],
      ['Pod', 'debug', 'recreate', ['ConfigMap tls spec.containers[0].envFrom[0].configMapRef.name']],
    ])
    expect(r.changed).toEqual([])
  })

  it('keeps namespaces apart when equal content gives equal names in two of them', () => {
    const base = stream(cm('app', '{K: v}', 'one'), cm('app', '{K: v}', 'two'), deployment('web', ['app'], 'one'), deployment('web', ['app'], 'two'))
    const head = base.replace('{name: app, namespace: two}\ndata: {K: v}', '{name: app, namespace: two}\ndata: {K: w}')
    expect(verdict(diff(base, head))).toEqual({
      ...NOTHING,
      configs: [{ name: 'ConfigMap two/app', renamed: true, added: [], removed: [], changed: ['K'] }],
      affected: ['Deployment two/web rolls'],
    })
  })

  it('reports a ConfigMap that keeps its name (not hashed): its data changed, nothing rolls', () => {
    const base = stream(
      source`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: pinned
          namespace: shop
          annotations: {cmhash.dev/hash: "false"}
        data: {K: v}
      `,
      deployment('web', ['pinned']),
    )
    const r = diff(base, base.replace('{K: v}', '{K: w, L: l}'))
    expect(r.configs).toEqual([{
      kind: 'ConfigMap', namespace: 'shop', name: 'pinned', from: 'pinned', to: 'pinned', hashed: false,
      keys: { added: ['L'], removed: [], changed: ['K'] }, referencedBy: [],
    }])
    expect(r.affected).toEqual([])
  })

  it('lists a ConfigMap that gets hashed once something references it, with what now rolls', () => {
    const base = stream(cm('a', '{K: v}'), deployment('web', []))
    const r = diff(base, stream(cm('a', '{K: v}'), deployment('web', ['a'])))
    expect(r.configs).toMatchObject([{ name: 'a', from: 'a', to: expect.stringMatching(/^a-[a-z0-9]{10}$/), hashed: true, keys: { added: [], removed: [], changed: [] } }])
    expect(r.changed.map(o => o.name)).toEqual(['web'])
  })

  it('lists Secret key names, compares bytes whatever the encoding, and shows no value in any format', () => {
    const secret = (fields: string) => source`
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: shop}
      type: Opaque
      ${fields}
    `
    const app = deployment('web', []).replace('envFrom: []', 'envFrom: [{secretRef: {name: db}}]')
    const base = stream(secret('stringData: {password: MARKER-OLD-VALUE, user: admin}'), app)
    // The same bytes in data, base64-encoded: nothing changes.
    const same = stream(secret(`data: {password: ${btoa('MARKER-OLD-VALUE')}, user: ${btoa('admin')}}`), app)
    expect(verdict(diff(base, same))).toEqual(NOTHING)
    const head = stream(secret('stringData: {password: MARKER-NEW-VALUE, token: MARKER-TOKEN-VALUE, user: admin}'), app)
    const r = diff(base, head)
    expect(verdict(r)).toEqual({
      ...NOTHING,
      configs: [{ name: 'Secret shop/db', renamed: true, added: ['token'], removed: [], changed: ['password'] }],
      affected: ['Deployment shop/web rolls'],
    })
    for (const text of [JSON.stringify(r), formatDiffTable(r), formatDiffMarkdown(r)]) {
      expect(text).toContain('password')
      expect(text).not.toMatch(/MARKER|TUFSS0VS/) // TUFSS0VS: base64 of "MARKER"
    }
  })

  it('reports a Secret whose type changed', () => {
    const secret = (type: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: shop}\ntype: ${type}\nstringData: {k: v}\n---\n${deployment('web', []).replace('envFrom: []', 'envFrom: [{secretRef: {name: s}}]')}`
    expect(diff(secret('Opaque'), secret('example.com/custom')).configs[0]).toMatchObject({
      keys: { added: [], removed: [], changed: [] }, type: { from: 'Opaque', to: 'example.com/custom' },
    })
  })

  it('labels each side\'s errors BASE or HEAD, and shows no value', () => {
    const bad = cm('a', '{K: MARKER-VALUE, num: 1}') // an integer where a string must be
    const fail = (base: string, head: string) => {
      try {
        diff(base, head)
      } catch (e) {
        expect(e).toBeInstanceOf(DiffError)
        expect(e).toBeInstanceOf(CmhashError)
        expect((e as Error).message).not.toContain('MARKER')
        return (e as DiffError).errors.map(d => [d.side, d.code, d.location?.file, d.location?.line])
      }
      throw new Error('expected a DiffError')
    }
    expect(fail(bad, BASE)).toEqual([['base', 'DATA_NOT_STRING', '<base>', 4]])
    expect(fail(BASE, bad)).toEqual([['head', 'DATA_NOT_STRING', '<head>', 4]])
    expect(fail(bad, 'kind: [')).toEqual([['base', 'DATA_NOT_STRING', '<base>', 4], ['head', 'YAML_SYNTAX', '<head>', 1]])
  })

  it('builds BASE with its own options when given', () => {
    const input = stream(cm('a', '{K: v}'), deployment('web', []))
    expect(diff(input, input, { select: 'all' }).configs).toEqual([])
    expect(diff(input, input, { select: 'all', baseOptions: {} }).configs).toMatchObject([{ name: 'a', from: 'a', hashed: true }])
  })

  it('carries both builds\' warnings, labelled', () => {
    const head = stream(cm('a', '{K: v}'), deployment('web', ['missing']))
    expect(diff(BASE, head).warnings.map(w => [w.side, w.code])).toEqual([['head', 'MISSING_REFERENCE']])
  })
})

describe('the JSON Schema', () => {
  const schema = JSON.parse(readFileSync(new URL('../schema/cmhash.diff.schema.json', import.meta.url), 'utf8'))
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema)

  it('accepts every result', () => {
    const head = stream(
      cm('a', '{ONE: "1", THREE: "3"}'), deployment('uses-a', ['a'], 'shop', 'app:2'), deployment('uses-both', ['a', 'b']),
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: a}}]}]}\n',
      deployment('broken', ['missing']),
    )
    for (const r of [diff(BASE, head), diff(head, BASE), diff(BASE, BASE)]) {
      expect(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors)).toBe(true)
    }
  })

  it('is the source of the generated types, which are up to date', async () => {
    // @ts-expect-error: a plain .mjs script without declarations
    const { generate } = await import('../scripts/gen-config-types.mjs') as { generate: () => Promise<Record<string, string>> }
    const generated = (await generate())['src/diff/diff-types.ts']
    expect(readFileSync(new URL('../src/diff/diff-types.ts', import.meta.url), 'utf8'), 'pnpm --filter @cmhash/core gen').toBe(generated)
  })
})

describe('formatDiffTable', () => {
  it('lists each changed ConfigMap/Secret with its keys and what rolls, then objects, then the verdict', () => {
    const head = stream(
      cm('a', '{ONE: "one", THREE: "3"}'), cm('b', '{X: ex}'), deployment('uses-a', ['a']), deployment('uses-both', ['a', 'b']),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: a}}]}]}\n',
    )
    const base = `${BASE}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, image: i, envFrom: [{configMapRef: {name: a}}]}]}\n`
    const r = diff(base, head)
    const [from, to] = [r.configs[0]!.from, r.configs[0]!.to]
    expect(formatDiffTable(r)).toBe([
      'CONFIG           NAME                         KEYS                ROLLS',
      `ConfigMap shop/a  ${from} → ${to}  ~ONE +THREE -TWO  Deployment shop/uses-a, Deployment shop/uses-both, Pod shop/p (recreate)`,
      '',
      'REMOVED  Deployment shop/uses-b',
      '',
      'cmhash diff: 2 objects roll, 1 object to recreate (1 ConfigMap/Secret changed; objects: 1 removed)',
      '',
    ].join('\n').replace(/^CONFIG +NAME +KEYS +ROLLS$/m, `${'CONFIG'.padEnd(16)}  ${'NAME'.padEnd(from.length + to.length + 3)}  ${'KEYS'.padEnd(16)}  ROLLS`))
  })

  it('says so when nothing changed', () => {
    expect(formatDiffTable(diff(BASE, BASE))).toBe('cmhash diff: no changes\n')
  })

  it('does not say "nothing rolls" when only a new image changes a pod template: no config change rolls anything', () => {
    const head = BASE.replace(deployment('uses-a', ['a']), deployment('uses-a', ['a'], 'shop', 'app:2'))
    expect(formatDiffTable(diff(BASE, head))).toBe([
      'CHANGED  Deployment shop/uses-a',
      '',
      'cmhash diff: no ConfigMap or Secret change rolls anything (objects: 1 changed)',
      '',
    ].join('\n'))
    expect(formatDiffMarkdown(diff(BASE, head))).toContain('no ConfigMap or Secret change rolls anything')
  })
})
