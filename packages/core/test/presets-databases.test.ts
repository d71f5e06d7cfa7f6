// The PostgreSQL operators' presets on examples published by the operators
// (fixtures/presets/<preset>/, sources and licences in SOURCE.md there).
import { describe, expect, it } from 'vitest'
import { build } from '@cmhash/core'
import { at, find } from './_build.js'
import { configMap, extra, fixture as files, possible, renamed, secret, without } from './_presets.js'

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

describe('mongodb-community', () => {
  const sample = (name: string) => fixture('mongodb-community', `mongodb.com_v1_mongodbcommunity_${name}.yaml`)

  it('follows the users\' and the Prometheus endpoint\'s password Secrets; without the preset, neither is renamed', () => {
    const r = build([sample('prometheus')])
    const mdb = find(r.output, 'MongoDBCommunity', 'example-prometheus')
    expect(mdb.spec.users[0].passwordSecretRef.name).toBe(renamed(r, 'my-user-password'))
    expect(mdb.spec.prometheus.passwordSecretRef.name).toBe(renamed(r, 'metrics-endpoint-password'))
    expect(mdb.spec.users[0].scramCredentialsSecretName).toBe('my-scram')
    expect(r.renames.find(x => x.originalName === 'my-user-password')!.referencedBy)
      .toMatchObject([{ kind: 'MongoDBCommunity', path: 'spec.users[0].passwordSecretRef.name', effect: 'updates' }])
    expect(r.warnings).toEqual([])
    expect(build([sample('prometheus')], without('mongodb-community')).renames).toEqual([])
    expect(possible(build([sample('prometheus')], without('mongodb-community', { select: 'all' }))))
      .toEqual(['metrics-endpoint-password', 'my-user-password'])
  })

  it('follows the TLS certificate, the CA ConfigMap and the agent\'s certificate', () => {
    const r = build([sample('x509'), secret('mongodb-tls', 'tls.crt: Yw==, tls.key: aw=='), configMap('ca-issuer', 'ca.crt: c'),
      secret('my-agent-certificate', 'tls.crt: Yw==, tls.key: aw==')])
    const security = find(r.output, 'MongoDBCommunity', 'example-mongodb').spec.security
    expect(security.tls.certificateKeySecretRef.name).toBe(renamed(r, 'mongodb-tls'))
    expect(security.tls.caConfigMapRef.name).toBe(renamed(r, 'ca-issuer'))
    expect(security.authentication.agentCertificateSecretRef.name).toBe(renamed(r, 'my-agent-certificate'))
    expect(r.warnings).toEqual([])
  })

  it('knows the connection-string Secret the operator writes (in the namespace given), and pins the default agent certificate Secret', () => {
    const written = extra('apiVersion: v1\nkind: Secret\nmetadata: {name: app-connection, namespace: other-namespace}\nstringData: {uri: x}\n')
    const input = sample('connection_string_secret_namespace').content
      .replace('      connectionStringSecretNamespace: other-namespace\n', '      connectionStringSecretNamespace: other-namespace\n      connectionStringSecretName: app-connection\n')
    const r = build([{ path: 'mdb.yaml', content: input }, written, secret('agent-certs')], { select: 'all' })
    expect(r.renames.map(x => x.originalName)).toEqual(['my-user-password'])
    expect(r.warnings).toEqual([])
    expect(build([{ path: 'mdb.yaml', content: input }, written, secret('agent-certs')], without('mongodb-community', { select: 'all' })).renames.map(x => x.originalName))
      .toEqual(['my-user-password', 'app-connection', 'agent-certs'])
  })
})

describe('clickhouse-operator', () => {
  const example = (file: string) => fixture('clickhouse-operator', file)

  it('follows the cluster secret\'s valueFrom', () => {
    const r = build([example('21-secure-cluster-secret-03-secret-ref.yaml')])
    expect(find(r.output, 'ClickHouseInstallation', 'secure-cluster-secret-03').spec.configuration.clusters[0].secret.valueFrom.secretKeyRef.name)
      .toBe(renamed(r, 'secure-cluster-secret-03-secret'))
    expect(r.warnings).toEqual([])
  })

  it('follows users\' and settings\' valueFrom under any key, at each level of the layout', () => {
    const chi = [
      'apiVersion: clickhouse.altinity.com/v1\nkind: ClickHouseInstallation\nmetadata: {name: chi}\nspec:\n  configuration:\n',
      '    users:\n      app/password: {valueFrom: {secretKeyRef: {name: users, key: password}}}\n',
      '    settings:\n      a/b: {valueFrom: {secretKeyRef: {name: top, key: k}}}\n',
      '    clusters:\n    - name: c\n      settings: {x: {valueFrom: {secretKeyRef: {name: cluster, key: k}}}}\n',
      '      layout:\n        shards:\n        - replicas:\n          - settings: {y: {valueFrom: {secretKeyRef: {name: replica, key: k}}}}\n',
    ].join('')
    const r = build([extra(chi), ...['users', 'top', 'cluster', 'replica'].map(n => secret(n, n === 'users' ? 'password: cA==' : 'k: dg=='))])
    const out = find(r.output, 'ClickHouseInstallation', 'chi').spec.configuration
    expect([
      out.users['app/password'].valueFrom.secretKeyRef.name, out.settings['a/b'].valueFrom.secretKeyRef.name,
      out.clusters[0].settings.x.valueFrom.secretKeyRef.name, out.clusters[0].layout.shards[0].replicas[0].settings.y.valueFrom.secretKeyRef.name,
    ]).toEqual(['users', 'top', 'cluster', 'replica'].map(n => renamed(r, n)))
    expect(r.warnings).toEqual([])
  })

  it('pins a Secret taken as files: the overview\'s credentials and the SSL example\'s files keep their names', () => {
    const r = build([example('05-settings-01-overview.yaml')], { select: 'all' })
    expect(r.renames).toEqual([])
    expect(r.warnings.map(w => [w.code, w.resource?.name])).toEqual([['PINNED', 'clickhouse-credentials']])
    expect(r.warnings[0]!.message).toContain('secrets.d')
    const ssl = build([example('22-secure-ssl-02-files-secret-ref.yaml')], { select: 'all' })
    expect(ssl.renames.map(x => x.originalName)).not.toContain('ssl-files')
    expect(find(ssl.output, 'ClickHouseInstallation', 'secure-ssl').spec.configuration.files['server.crt'].valueFrom.secretKeyRef.name).toBe('ssl-files')
    expect(build([example('22-secure-ssl-02-files-secret-ref.yaml')], without('clickhouse-operator', { select: 'all' })).renames.map(x => x.originalName))
      .toContain('ssl-files')
  })

  it('pins the operator\'s credentials Secret, which it reads by the name in its config.yaml', () => {
    const install = extra('apiVersion: v1\nkind: Secret\nmetadata: {name: clickhouse-operator, namespace: kube-system}\ntype: Opaque\nstringData: {username: clickhouse_operator, password: x}\n')
    expect(build([install], { select: 'all' }).renames).toEqual([])
    expect(build([install], without('clickhouse-operator', { select: 'all' })).renames.map(x => x.originalName)).toEqual(['clickhouse-operator'])
  })
})
