// POSSIBLE_REFERENCE, the net for references no table knows: what it
// notices, and a message that stays readable however many fields it lists.
import { describe, expect, it } from 'vitest'
import { source } from '../../../test/_utils/source.js'
import { run } from './_build.js'

const secret = (name: string, ns = 'p') => `apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: ${ns}}\nstringData: {password: x}\n`
const usedBy = (name: string, ns = 'p') => source`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: app, namespace: ${ns}}
  spec:
    template:
      spec:
        containers: [{name: a, image: a, envFrom: [{secretRef: {name: ${name}}}]}]
`
const possible = (r: ReturnType<typeof run>) => r.warnings.filter(w => w.code === 'POSSIBLE_REFERENCE')

describe('the POSSIBLE_REFERENCE message', () => {
  // Keys that say "secret", under custom resources no preset knows (ECK's shapes).
  const cr = (i: number) => source`
    apiVersion: example.com/v1
    kind: Widget
    metadata: {name: w${i}, namespace: p}
    spec: {auth: {roles: [{secretName: shared}]}, http: {tls: {certificate: {secretName: shared}}}}
  `
  const input = [secret('shared'), usedBy('shared'), cr(1), cr(2), cr(3)].join('---\n')

  it('names the first three places and counts the rest, on one line', () => {
    const [w, ...others] = possible(run(input))
    expect(others).toEqual([])
    expect(w!.message).toContain('but 6 fields no reference table knows still say shared: Widget p/w1 at spec.auth.roles[0].secretName, ' +
      'Widget p/w1 at spec.http.tls.certificate.secretName, Widget p/w2 at spec.auth.roles[0].secretName and 3 more. ')
    expect(w!.message).toContain('(the first: {group: example.com, kind: Widget, path: spec/auth/roles/secretName, refKind: Secret}; ')
    expect(w!.message).not.toContain('w3')
    expect(w!.message).not.toContain('\n')
    // However many fields: 20 instead of 6 changes only the count.
    const many = possible(run([secret('shared'), usedBy('shared'), ...Array.from({ length: 10 }, (_, i) => cr(i + 1))].join('---\n')))[0]!
    expect(many.message.replace('20 fields', '6 fields').replace('17 more', '3 more')).toBe(w!.message)
    expect(w).toMatchObject({ path: 'spec.auth.roles[0].secretName', location: { line: 17 } })
  })

  it('is the same for the same input', () => {
    expect(possible(run(input))).toEqual(possible(run(input)))
  })
})
