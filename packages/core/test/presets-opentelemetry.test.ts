// The OpenTelemetry Operator's preset on the project's own end-to-end test
// inputs (fixtures/presets/opentelemetry-operator/, source and licence in
// SOURCE.md there).
import { describe, expect, it } from 'vitest'
import { build } from '@cmhash/core'
import { find } from './_build.js'
import { configMap, extra, fixture, possible, renamed, secret, without } from './_presets.js'

describe('opentelemetry-operator', () => {
  it.each([
    ['tests/e2e/multiple-configmaps/00-install.yaml', ['mount-test1', 'mount-test2']],
    ['tests/e2e-sidecar/smoke-sidecar/00-install.yaml', ['example-config']],
  ])('%s: pins spec.configmaps, mounted at paths made of their names, even with --select all', (file, names) => {
    const input = fixture('opentelemetry-operator', file)
    const r = build(input, { select: 'all' })
    expect(r.renames).toEqual([])
    expect(r.warnings).toEqual([])
    const off = build(input, without('opentelemetry-operator', { select: 'all' }))
    expect(off.renames.map(x => x.originalName)).toEqual(names)
    expect(possible(off)).toEqual(names)
  })

  it('says why, when a workload also uses a ConfigMap that spec.configmaps pins', () => {
    const r = build([...fixture('opentelemetry-operator', 'tests/e2e/multiple-configmaps/00-install.yaml'),
      extra('apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec:\n  containers: [{name: c, image: i, envFrom: [{configMapRef: {name: mount-test1}}]}]\n')])
    expect(r.renames).toEqual([])
    expect(r.warnings.map(w => [w.code, w.resource?.name])).toEqual([['PINNED', 'mount-test1']])
    expect(r.warnings[0]!.message).toContain('/var/conf/<mountpath>/configmap-<name>')
  })

  it('follows env and envFrom of a collector, its containers, its target allocator, a TargetAllocator and an OpAMPBridge, and ingress TLS', () => {
    // The multiple-configmaps collector, with the fields the CRDs give (apis/v1beta1/common.go, ingress.go).
    const edit = (s: string) => s.replace('  mode: "deployment"\n', [
      '  mode: "deployment"', '  env:', '  - name: TOKEN', '    valueFrom: {secretKeyRef: {name: otel-token, key: token}}',
      '  envFrom:', '  - configMapRef: {name: otel-env}', '  additionalContainers:', '  - name: helper', '    image: busybox',
      '    envFrom: [{secretRef: {name: helper-env}}]', '  targetAllocator:', '    enabled: true',
      '    env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: otel-token, key: token}}}]',
      '  ingress:', '    type: ingress', '    hostname: example.com', '    tls: [{hosts: [example.com], secretName: otel-tls}]', '',
    ].join('\n'))
    const others = extra([
      'apiVersion: opentelemetry.io/v1alpha1\nkind: TargetAllocator\nmetadata: {name: ta}\nspec:\n  envFrom: [{secretRef: {name: helper-env}}]\n',
      'apiVersion: opentelemetry.io/v1alpha1\nkind: OpAMPBridge\nmetadata: {name: bridge}\nspec:\n  endpoint: ws://opamp-server:4320/v1/opamp\n' +
      '  env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: otel-token, key: token}}}]\n',
    ].join('---\n'))
    const input = [...fixture('opentelemetry-operator', 'tests/e2e/multiple-configmaps/00-install.yaml', edit), others,
      secret('otel-token', 'token: YQ=='), configMap('otel-env'), secret('helper-env'), secret('otel-tls', 'tls.crt: YQ==, tls.key: Yg==')]
    const r = build(input)
    const spec = find(r.output, 'OpenTelemetryCollector', 'simplest-with-configmaps').spec
    expect([spec.env[0].valueFrom.secretKeyRef.name, spec.envFrom[0].configMapRef.name, spec.additionalContainers[0].envFrom[0].secretRef.name,
      spec.targetAllocator.env[0].valueFrom.secretKeyRef.name, spec.ingress.tls[0].secretName])
      .toEqual(['otel-token', 'otel-env', 'helper-env', 'otel-token', 'otel-tls'].map(n => renamed(r, n)))
    expect(find(r.output, 'TargetAllocator', 'ta').spec.envFrom[0].secretRef.name).toBe(renamed(r, 'helper-env'))
    expect(find(r.output, 'OpAMPBridge', 'bridge').spec.env[0].valueFrom.secretKeyRef.name).toBe(renamed(r, 'otel-token'))
    expect(r.warnings).toEqual([])
    expect(r.renames.map(x => x.originalName)).not.toContain('mount-test1')
    // Without the preset, env and envFrom are still followed (a container's env is found by shape);
    // the pinned ConfigMaps and the ingress TLS Secret are left to the safety net.
    const off = build(input, without('opentelemetry-operator', { select: 'all' }))
    expect(find(off.output, 'TargetAllocator', 'ta').spec.envFrom[0].secretRef.name).toBe(renamed(off, 'helper-env'))
    expect(possible(off).sort()).toEqual(['mount-test1', 'mount-test2', 'otel-tls'])
  })

  it('leaves an Instrumentation to the safety net: its Secrets are looked up in each instrumented pod\'s namespace', () => {
    const input = [extra('apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata: {name: my-instrumentation}\nspec:\n' +
      '  exporter:\n    endpoint: https://otel-collector:4317\n    tls: {secretName: otel-client-tls, cert_file: tls.crt, key_file: tls.key}\n'),
    secret('otel-client-tls', 'tls.crt: YQ==, tls.key: Yg==')]
    const r = build(input, { select: 'all' })
    expect(find(r.output, 'Instrumentation', 'my-instrumentation').spec.exporter.tls.secretName).toBe('otel-client-tls')
    expect(possible(r)).toEqual(['otel-client-tls'])
  })
})
