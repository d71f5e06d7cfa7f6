// The PostgreSQL operators' presets on examples published by the operators
// (fixtures/presets/<preset>/, sources and licences in SOURCE.md there).
import { describe, expect, it } from 'vitest'
import { build } from '@cmhash/core'
import { at, find } from './_build.js'
import { extra, fixture as files, possible, renamed, secret, without } from './_presets.js'

const fixture = (preset: string, file: string, edit?: (s: string) => string) => files(preset, file, edit)[0]!

describe('cloudnative-pg', () => {
  const cnpg = (file: string, edit?: (s: string) => string) => fixture('cloudnative-pg', file, edit)

  it('follows the superuser, bootstrap and backup credentials of the full example; without the preset, each is a possible reference', () => {
    const r = build([cnpg('cluster-example-full.yaml')])
    const cluster = find(r.output, 'Cluster', 'cluster-example-full')
    expect(cluster.spec.superuserSecret.name).toBe(renamed(r, 'cluster-example-superuser'))
    expect(cluster.spec.bootstrap.initdb.secret.name).toBe(renamed(r, 'cluster-example-app-user'))
    const s3 = cluster.spec.backup.barmanObjectStore.s3Credentials
    expect([s3.accessKeyId.name, s3.secretAccessKey.name]).toEqual([renamed(r, 'backup-creds'), renamed(r, 'backup-creds')])
    expect(r.renames.find(x => x.originalName === 'backup-creds')!.referencedBy).toMatchObject([
      { kind: 'Cluster', path: 'spec.backup.barmanObjectStore.s3Credentials.accessKeyId.name', effect: 'updates' },
      { kind: 'Cluster', path: 'spec.backup.barmanObjectStore.s3Credentials.secretAccessKey.name', effect: 'updates' },
    ])
    expect(r.warnings).toEqual([])
    expect(possible(build([cnpg('cluster-example-full.yaml')], without('cloudnative-pg', { select: 'all' }))))
      .toEqual(['cluster-example-app-user', 'cluster-example-superuser', 'backup-creds'])
  })

  it('checks the keys a SecretKeySelector needs', () => {
    expect(() => build([cnpg('cluster-example-full.yaml', s => s.replace('ACCESS_SECRET_KEY: c2VjcmV0X2tleQ==', 'SECRET: c2VjcmV0X2tleQ=='))]))
      .toThrow(expect.objectContaining({ code: 'MISSING_KEY' }))
  })

  it.each([
    ['cluster-example-initdb-sql-refs.yaml', 'Cluster', 'cluster-example-initdb', [
      ['post-init-sql-configmap', 'spec.bootstrap.initdb.postInitApplicationSQLRefs.configMapRefs[0].name'],
      ['post-init-sql-secret', 'spec.bootstrap.initdb.postInitApplicationSQLRefs.secretRefs[0].name']]],
    ['cluster-example-monitoring.yaml', 'Cluster', 'cluster-example', [
      ['example-monitoring', 'spec.monitoring.customQueriesConfigMap[0].name'],
      ['example-monitoring-secret', 'spec.monitoring.customQueriesSecret[0].name']]],
    ['cluster-example-projected-volume.yaml', 'Cluster', 'cluster-example-projected-volume', [
      ['sample-secret', 'spec.projectedVolumeTemplate.sources[0].secret.name'],
      ['sample-configmap', 'spec.projectedVolumeTemplate.sources[1].configMap.name']]],
    ['cluster-example-with-roles.yaml', 'Cluster', 'cluster-example-with-roles', [['cluster-example-dante', 'spec.managed.roles[1].passwordSecret.name']]],
    ['role-examples.yaml', 'DatabaseRole', 'role-dante', [['cluster-example-dante', 'spec.passwordSecret.name']]],
  ])('%s: follows each name', (file, kind, name, fields) => {
    const r = build([cnpg(file)])
    for (const [target, path] of fields as Array<[string, string]>) expect(at(find(r.output, kind, name), path)).toBe(renamed(r, target))
    expect(r.warnings).toEqual([])
  })

  it('follows the instances\' env, as it does in a pod spec', () => {
    const r = build([cnpg('cluster-example-with-roles.yaml', s => s.replace('  instances: 3\n',
      '  instances: 3\n  env:\n  - name: PGPASSWORD\n    valueFrom: {secretKeyRef: {name: cluster-example-dante, key: password}}\n'))])
    expect(find(r.output, 'Cluster', 'cluster-example-with-roles').spec.env[0].valueFrom.secretKeyRef.name).toBe(renamed(r, 'cluster-example-dante'))
  })

  it('pins the default monitoring ConfigMap the operator finds by name (releases/cnpg-1.30.0.yaml, cut down), even with --select all', () => {
    const release = extra([
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    cnpg.io/reload: ""\n  name: cnpg-default-monitoring\n  namespace: cnpg-system\ndata:\n  queries: |\n    backends: {}\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cnpg-controller-manager, namespace: cnpg-system}\nspec:\n  template:\n    spec:\n      containers:\n' +
      '      - args: [controller, --config-map-name=cnpg-controller-manager-config, --secret-name=cnpg-controller-manager-config]\n' +
      '        env:\n        - name: MONITORING_QUERIES_CONFIGMAP\n          value: cnpg-default-monitoring\n        image: ghcr.io/cloudnative-pg/cloudnative-pg:1.30.0\n        name: manager\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cnpg-controller-manager-config, namespace: cnpg-system}\ndata: {INHERITED_LABELS: app}\n',
    ].join('---\n'))
    const r = build([release], { select: 'all' })
    expect(r.renames).toEqual([])
    expect(r.warnings).toEqual([])
    expect(build([release], without('cloudnative-pg', { select: 'all' })).renames.map(x => x.originalName))
      .toEqual(['cnpg-default-monitoring', 'cnpg-controller-manager-config'])
  })
})

describe('zalando-postgres-operator', () => {
  const manifest = (edit: (s: string) => string) => fixture('zalando-postgres-operator', 'complete-postgres-manifest.yaml', edit)
  const withRefs = (s: string) => s
    .replace('#  env:\n#  - name: wal_s3_bucket\n#    value: my-custom-bucket\n',
      '  env:\n  - name: minio_secret_key\n    valueFrom:\n      secretKeyRef:\n        name: my-custom-secret\n        key: minio_secret_key\n')
    .replace('      volumeSource:\n        emptyDir: {}\n', '      volumeSource:\n        configMap:\n          name: telegraf-conf\n')
    .replace('secretName: ""  #', 'secretName: "pg-tls"  #').replace('caSecretName: ""', 'caSecretName: "pg-ca"')

  it('follows a cluster\'s env, additional volumes and TLS Secrets', () => {
    const r = build([manifest(withRefs), secret('my-custom-secret', 'minio_secret_key: YQ=='), secret('pg-tls', 'tls.crt: YQ==, tls.key: Yg=='), secret('pg-ca', 'ca.crt: YQ=='),
      extra('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: telegraf-conf, namespace: default}\ndata: {telegraf.conf: x}\n')])
    const pg = find(r.output, 'postgresql', 'acid-test-cluster')
    expect(pg.spec.env[0].valueFrom.secretKeyRef.name).toBe(renamed(r, 'my-custom-secret'))
    expect(pg.spec.additionalVolumes[0].volumeSource.configMap.name).toBe(renamed(r, 'telegraf-conf'))
    expect([pg.spec.tls.secretName, pg.spec.tls.caSecretName]).toEqual([renamed(r, 'pg-tls'), renamed(r, 'pg-ca')])
    expect(r.warnings).toEqual([])
  })

  it('reads the example as published: empty TLS names are no reference', () => {
    const r = build([manifest(s => s)])
    expect(r.renames).toEqual([])
    expect(r.warnings).toEqual([])
  })
})
