// Presets of operators that run a service for applications, on examples
// their projects publish (fixtures/presets/<preset>/, sources and licences
// in SOURCE.md there).
import { describe, expect, it } from 'vitest'
import { build } from '@cmhash/core'
import { find } from './_build.js'
import { fixture, possible, renamed, secret, without } from './_presets.js'

describe('rabbitmq-cluster-operator', () => {
  it('follows the external default-user Secret (the example is applied with -n examples)', () => {
    const input = fixture('rabbitmq-cluster-operator', 'docs/examples/external-admin-secret-credentials/')
    const r = build(input, { namespace: 'examples' })
    expect(find(r.output, 'RabbitmqCluster', 'external-secret-user').spec.secretBackend.externalSecret.name).toBe(renamed(r, 'my-secret'))
    expect(r.warnings).toEqual([])
    expect(possible(build(input, without('rabbitmq-cluster-operator', { namespace: 'examples', select: 'all' })))).toEqual(['my-secret'])
  })

  it.each(['mtls', 'tls'])('%s: follows the TLS and CA Secrets', example => {
    const tls = 'tls.crt: YQ==, tls.key: Yg==, ca.crt: Yw=='
    const r = build([...fixture('rabbitmq-cluster-operator', `docs/examples/${example}/rabbitmq.yaml`), secret('tls-secret', tls), secret('ca-secret', 'ca.crt: Yw==')])
    const spec = find(r.output, 'RabbitmqCluster', example).spec
    expect(spec.tls.secretName).toBe(renamed(r, 'tls-secret'))
    expect(spec.tls.caSecretName).toBe(renamed(r, example === 'tls' ? 'tls-secret' : 'ca-secret'))
    expect(r.warnings).toEqual([])
    const off = build([...fixture('rabbitmq-cluster-operator', `docs/examples/${example}/rabbitmq.yaml`), secret('tls-secret', tls), secret('ca-secret', 'ca.crt: Yw==')],
      without('rabbitmq-cluster-operator', { select: 'all' }))
    expect(possible(off)).toEqual(example === 'tls' ? ['tls-secret'] : ['tls-secret', 'ca-secret'])
  })
})
