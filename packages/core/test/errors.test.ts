// Every way an input is rejected: a typed error with a code and a location,
// every problem listed, and never a Secret's value in any message.
import { describe, expect, it } from 'vitest'
import { build, type CmhashError, type ErrorDetail } from '@cmhash/core'
import { source } from '../../../test/_utils/source.js'
import { errorsOf, run } from './_build.js'

const brief = (errors: readonly ErrorDetail[]) =>
  errors.map(e => ({ code: e.code, line: e.location?.line, col: e.location?.col, path: e.path }))

const pod = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}]}\n'

describe('errors', () => {
  it('reports malformed YAML with file, line and column', () => {
    const errors = errorsOf(() => build([{ path: 'k8s/bad.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n   bad: indent\n' }]))
    expect(errors[0]).toMatchObject({ code: 'YAML_SYNTAX', location: { file: 'k8s/bad.yaml', line: 4, col: 9 } })
  })

  it('reports duplicate keys as malformed YAML', () => {
    expect(brief(errorsOf(() => run('apiVersion: v1\nkind: ConfigMap\nkind: Secret\n')))).toEqual([
      { code: 'YAML_SYNTAX', line: 3, col: 1, path: undefined },
    ])
  })

  it.each([
    // local-path-provisioner's examples/quota/local-path-storage.yaml: two documents without a --- between them.
    ['kind', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "1"}\nkind: ConfigMap\nmetadata: {name: b}\n', 5,
      'the key kind is in this map twice (DUPLICATE_KEY, first at line 2); kubectl would silently keep the last one: two documents without a --- line between them?'],
    ['a data key, quoted', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  "a.b": x\n  "a.b": y\n', 6,
      'the key "a.b" is in this map twice (DUPLICATE_KEY, first at line 5); kubectl would silently keep the last one'],
    ['a key in a flow map', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v, k: w}\n', 4,
      'the key k is in this map twice (DUPLICATE_KEY, first at line 4); kubectl would silently keep the last one'],
    ['a key after a comment and a document before', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  # the name\n  name: b\n  name: c\n', 10,
      'the key name is in this map twice (DUPLICATE_KEY, first at line 9); kubectl would silently keep the last one'],
  ])('names a duplicate key (%s) and where it first is, and never its values', (_name, input, line, message) => {
    const [error] = errorsOf(() => run(input))
    expect(error).toMatchObject({ code: 'YAML_SYNTAX', location: { line } })
    expect(error!.message).toBe(`malformed YAML: ${message}`)
  })

  it('reports a duplicate resource, naming both files', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {k: v}\n'
    const errors = errorsOf(() => build([{ path: 'a.yaml', content: cm }, { path: 'b/c.yaml', content: `# x\n${cm}` }]))
    expect(errors).toMatchObject([{ code: 'DUPLICATE_RESOURCE', location: { file: 'b/c.yaml', line: 2 } }])
    expect(errors[0]!.message).toContain('a.yaml:1')
  })

  it('names the line of each first definition when one file holds the same objects twice', () => {
    // The reporter counts a file's lines on from its last count (forward and
    // back): each error is at the second copy, and names the first.
    const cms = ['a', 'b', 'c'].map(n => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${n}}\ndata: {k: v}\n`)
    const errors = errorsOf(() => build([{ path: 'all.yaml', content: [...cms, ...cms].join('---\n') }]))
    expect(errors.map(e => [e.location?.line, /here and at (\S+)$/.exec(e.message)?.[1]])).toEqual([
      [16, 'all.yaml:1'], [21, 'all.yaml:6'], [26, 'all.yaml:11'],
    ])
  })

  it('tells objects in different namespaces or groups apart', () => {
    const cm = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app, namespace: ${ns}}\ndata: {k: v}\n`
    expect(() => run(`${cm('a')}---\n${cm('b')}`)).not.toThrow()
    expect(() => run('apiVersion: a.example/v1\nkind: X\nmetadata: {name: n}\n---\napiVersion: b.example/v1\nkind: X\nmetadata: {name: n}\n')).not.toThrow()
  })

  it('rejects ConfigMap data that Kubernetes would not read as a string, naming the key', () => {
    const input = source`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app}
      data:
        port: 8080
        enabled: yes
        mode: 0755
        ratio: 1e3
        empty:
        nested: {a: b}
        list: [a]
        fine: "yes"
        date: 2024-01-01
        version: 1.2.3
    `
    expect(brief(errorsOf(() => run(input)))).toEqual([
      { code: 'DATA_NOT_STRING', line: 5, col: 9, path: 'data["port"]' },
      { code: 'DATA_NOT_STRING', line: 6, col: 12, path: 'data["enabled"]' },
      { code: 'DATA_NOT_STRING', line: 7, col: 9, path: 'data["mode"]' },
      { code: 'DATA_NOT_STRING', line: 8, col: 10, path: 'data["ratio"]' },
      { code: 'DATA_NOT_STRING', line: 9, col: 9, path: 'data["empty"]' },
      { code: 'DATA_NOT_STRING', line: 10, col: 11, path: 'data["nested"]' },
      { code: 'DATA_NOT_STRING', line: 11, col: 9, path: 'data["list"]' },
    ])
    const messages = errorsOf(() => run(input)).map(e => e.message)
    expect(messages[1]).toContain('read by Kubernetes as a boolean')
    expect(messages[2]).toContain('an integer')
  })

  it('rejects Secret data that is not base64, naming the key and never the value', () => {
    const input = source`
      apiVersion: v1
      kind: Secret
      metadata: {name: creds}
      data:
        password: hunter2-plaintext
        ok: aHVudGVyMg==
        spaced: "aHVu dGVy"
        unpadded: aHVudGVyMg
        wrapped: |
          aHVudGVy
          Mg==
    `
    const errors = errorsOf(() => run(input))
    expect(brief(errors)).toEqual([
      { code: 'INVALID_BASE64', line: 5, col: 13, path: 'data["password"]' },
      { code: 'INVALID_BASE64', line: 7, col: 11, path: 'data["spaced"]' },
      { code: 'INVALID_BASE64', line: 8, col: 13, path: 'data["unpadded"]' },
    ])
    const text = JSON.stringify(errors) + errors.map(e => e.message).join()
    for (const value of ['hunter2-plaintext', 'aHVu dGVy', 'aHVudGVyMg']) expect(text).not.toContain(value)
  })

  it('rejects ConfigMap binaryData that is not base64', () => {
    expect(brief(errorsOf(() => run('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nbinaryData: {b: "!!"}\n')))).toEqual([
      { code: 'INVALID_BASE64', line: 4, col: 17, path: 'binaryData["b"]' },
    ])
  })

  it('rejects data keys Kubernetes would reject or read differently', () => {
    const input = source`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app}
      data:
        "has space": a
        ..hidden: b
        ".": c
        on: d
        "${'k'.repeat(254)}": e
        "80": fine
        81: fine-too
        ok.key_-1: fine
    `
    expect(brief(errorsOf(() => run(input))).map(e => [e.code, e.line])).toEqual([
      ['INVALID_DATA_KEY', 5], ['INVALID_DATA_KEY', 6], ['INVALID_DATA_KEY', 7], ['INVALID_DATA_KEY', 8], ['INVALID_DATA_KEY', 9],
    ])
  })

  it('rejects the same key in data and binaryData', () => {
    expect(brief(errorsOf(() => run('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\nbinaryData: {k: dg==}\n')))
      .map(e => e.code)).toEqual(['DUPLICATE_DATA_KEY'])
  })

  it('rejects data that is not a map', () => {
    expect(brief(errorsOf(() => run('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: nope\n')))).toEqual([
      { code: 'INVALID_RESOURCE', line: 4, col: 7, path: 'data' },
    ])
  })

  it('rejects a name that would pass 253 characters once hashed', () => {
    const long = 'a'.repeat(243)
    const input = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${long}}\ndata: {k: v}\n${pod.replace('{name: c, image: i}', `{name: c, image: i, envFrom: [{configMapRef: {name: ${long}}}]}`)}`
    expect(brief(errorsOf(() => run(input)))).toEqual([{ code: 'NAME_TOO_LONG', line: 1, col: 1, path: 'metadata.name' }])
    expect(() => run(input.replaceAll(long, long.slice(1)))).not.toThrow()
  })

  it('bounds alias expansion (billion laughs)', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`)
    const input = `apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\nx:\n${levels.map(l => `  ${l}`).join('\n')}\nspec:\n  containers: [{name: c, image: i}]\n  volumes: *l8\n`
    const started = Date.now()
    expect(brief(errorsOf(() => run(input))).map(e => e.code)).toEqual(['ALIAS_LIMIT'])
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('lists every problem of every file, and the first as the error itself', () => {
    try {
      build([
        { path: 'a.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: 1}\n' },
        { path: 'b.yaml', content: 'key: [\n' },
      ])
      expect.unreachable()
    } catch (e) {
      const err = e as CmhashError
      expect(err.code).toBe('DATA_NOT_STRING')
      expect(err.location).toMatchObject({ file: 'a.yaml', line: 4 })
      expect(err.errors.map(x => x.code)).toEqual(['DATA_NOT_STRING', 'YAML_SYNTAX'])
      expect(err.message).toMatch(/^a\.yaml:4:\d+: DATA_NOT_STRING: .* \(and 1 more\)$/)
    }
  })

  it('rejects a reference to a data key the ConfigMap/Secret does not have, at the key, listing the keys it has and no value', () => {
    const input = source`
      apiVersion: v1
      kind: Secret
      metadata: {name: db}
      stringData: {password: hunter2, user: admin}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cfg}
      data: {app.yaml: "x: 1"}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        template:
          spec:
            containers:
            - name: app
              image: app:1
              env:
              - {name: A, valueFrom: {secretKeyRef: {name: db, key: pasword}}}
              - {name: B, valueFrom: {secretKeyRef: {name: db, key: user}}}
              - {name: C, valueFrom: {configMapKeyRef: {name: cfg, key: gone, optional: true}}}
            volumes:
            - name: c
              configMap:
                name: cfg
                items: [{key: app.yaml, path: a}, {key: app.yml, path: b}]
            - name: p
              projected:
                sources: [{secret: {name: db, items: [{key: token, path: t}]}}]
    `
    const errors = errorsOf(() => run(input))
    expect(brief(errors)).toEqual([
      { code: 'MISSING_KEY', line: 21, col: 63, path: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key' },
      { code: 'MISSING_KEY', line: 28, col: 51, path: 'spec.template.spec.volumes[0].configMap.items[1].key' },
      { code: 'MISSING_KEY', line: 31, col: 55, path: 'spec.template.spec.volumes[1].projected.sources[0].secret.items[0].key' },
    ])
    expect(errors[0]!.message).toContain('needs key "pasword" of Secret default/db, which has only "password", "user"')
    expect(JSON.stringify(errors)).not.toContain('hunter2')
  })

  it('does not check keys of an optional reference, nor of an object with no data (a program fills it in)', () => {
    const input = source`
      apiVersion: v1
      kind: Secret
      metadata: {name: filled-later}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: c, image: i, env: [{name: A, valueFrom: {secretKeyRef: {name: filled-later, key: token}}}]}]
        volumes: [{name: v, secret: {secretName: other, optional: true, items: [{key: x, path: x}]}}]
    `
    expect(() => run(input)).not.toThrow()
  })

  it('fails with a warning code the options set to error, at the warning\'s place', () => {
    const missing = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i, envFrom: [{configMapRef: {name: nope}}]}]\n`
    const errors = errorsOf(() => run(missing, { warnings: { MISSING_REFERENCE: 'error' } }))
    expect(brief(errors)).toEqual([{ code: 'MISSING_REFERENCE', line: 5, col: 68, path: 'spec.containers[0].envFrom[0].configMapRef.name' }])
    expect(run(missing, { warnings: { MISSING_REFERENCE: 'ignore' } }).warnings).toEqual([])
    expect(run(missing, { warnings: { PINNED: 'error' } }).warnings.map(w => w.code)).toEqual(['MISSING_REFERENCE'])
  })
})
