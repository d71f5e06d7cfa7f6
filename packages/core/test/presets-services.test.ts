// Presets of operators that run a service for applications, on examples
// their projects publish (fixtures/presets/<preset>/, sources and licences
// in SOURCE.md there).
import { describe, expect, it } from 'vitest'
import { build } from '@cmhash/core'
import { find } from './_build.js'
import { configMap, extra, fixture, possible, renamed, secret, without } from './_presets.js'

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

describe('keycloak-operator', () => {
  it('follows the database credentials and the TLS Secret of the guide\'s Keycloak', () => {
    const input = [...fixture('keycloak-operator', 'example-kc.yaml'), secret('keycloak-db-secret', 'username: YQ==, password: Yg=='),
      secret('example-tls-secret', 'tls.crt: YQ==, tls.key: Yg==')]
    const r = build(input)
    const spec = find(r.output, 'Keycloak', 'example-kc').spec
    expect([spec.db.usernameSecret.name, spec.db.passwordSecret.name]).toEqual([renamed(r, 'keycloak-db-secret'), renamed(r, 'keycloak-db-secret')])
    expect(spec.http.tlsSecret).toBe(renamed(r, 'example-tls-secret'))
    expect(r.warnings).toEqual([])
    expect(possible(build(input, without('keycloak-operator', { select: 'all' })))).toEqual(['keycloak-db-secret', 'example-tls-secret'])
  })

  it('checks the keys the database Secret must have', () => {
    expect(() => build([...fixture('keycloak-operator', 'example-kc.yaml'), secret('keycloak-db-secret', 'user: YQ==, password: Yg==')]))
      .toThrow(expect.objectContaining({ code: 'MISSING_KEY' }))
  })

  it('follows the bootstrap admin Secret, saying a later change only rolls the pods', () => {
    const input = [...fixture('keycloak-operator', 'example-kc.yaml', s => s.replace('  http:\n', '  bootstrapAdmin:\n    user:\n      secret: kc-admin\n  http:\n')),
      secret('keycloak-db-secret', 'username: YQ==, password: Yg=='), secret('example-tls-secret', 'tls.crt: YQ==, tls.key: Yg=='), secret('kc-admin', 'username: YQ==, password: Yg==')]
    const r = build(input)
    expect(find(r.output, 'Keycloak', 'example-kc').spec.bootstrapAdmin.user.secret).toBe(renamed(r, 'kc-admin'))
    expect(r.renames.find(x => x.originalName === 'kc-admin')!.referencedBy).toMatchObject([{ kind: 'Keycloak', path: 'spec.bootstrapAdmin.user.secret', effect: 'updates' }])
  })

  it('follows a KeycloakRealmImport\'s placeholder Secrets (the realm import guide\'s placeholders, with real names)', () => {
    // docs/guides/operator/realm-import.adoc, "Placeholders": SECRET_NAME and SECRET_KEY stand for a Secret's name and key.
    const realmImport = extra('apiVersion: k8s.keycloak.org/v2alpha1\nkind: KeycloakRealmImport\nmetadata:\n  name: my-realm-kc\nspec:\n' +
      '  keycloakCRName: example-kc\n  placeholders:\n    ENV_KEY:\n      secret:\n        name: realm-secrets\n        key: smtp-password\n' +
      '  realm:\n    id: example-realm\n    realm: example-realm\n    displayName: ExampleRealm\n    enabled: true\n')
    const r = build([realmImport, secret('realm-secrets', 'smtp-password: YQ==')])
    expect(find(r.output, 'KeycloakRealmImport', 'my-realm-kc').spec.placeholders.ENV_KEY.secret.name).toBe(renamed(r, 'realm-secrets'))
    expect(r.warnings).toEqual([])
    expect(possible(build([realmImport, secret('realm-secrets', 'smtp-password: YQ==')], without('keycloak-operator', { select: 'all' })))).toEqual(['realm-secrets'])
    expect(() => build([realmImport, secret('realm-secrets', 'password: YQ==')])).toThrow(expect.objectContaining({ code: 'MISSING_KEY' }))
  })

  it('leaves truststores to the safety net: each is mounted at a path made of its Secret\'s name', () => {
    const input = [...fixture('keycloak-operator', 'example-kc.yaml', s => s.replace('  http:\n', '  truststores:\n    mystore:\n      secret:\n        name: my-truststore\n  http:\n')),
      secret('keycloak-db-secret', 'username: YQ==, password: Yg=='), secret('my-truststore', 'ca.crt: YQ==')]
    const r = build(input, { select: 'all' })
    expect(find(r.output, 'Keycloak', 'example-kc').spec.truststores.mystore.secret.name).toBe('my-truststore')
    expect(possible(r)).toEqual(['my-truststore'])
  })
})

describe('spark-operator', () => {
  it('follows the driver\'s and executors\' Secrets, and says the application runs again', () => {
    const r = build([...fixture('spark-operator', 'gcp-foo-gcs-bg.yaml'), secret('gcs-bq', 'key.json: e30=')])
    const spec = find(r.output, 'SparkApplication', 'foo-gcs-bg').spec
    expect([spec.driver.secrets[0].name, spec.executor.secrets[0].name]).toEqual([renamed(r, 'gcs-bq'), renamed(r, 'gcs-bq')])
    expect(r.renames[0]!.referencedBy).toMatchObject([
      { kind: 'SparkApplication', path: 'spec.driver.secrets[0].name', effect: 'rolls', reason: expect.stringContaining('runs the application again') },
      { kind: 'SparkApplication', path: 'spec.executor.secrets[0].name', effect: 'rolls' },
    ])
    expect(r.warnings).toEqual([])
    expect(possible(build([...fixture('spark-operator', 'gcp-foo-gcs-bg.yaml'), secret('gcs-bq', 'key.json: e30=')], without('spark-operator', { select: 'all' }))))
      .toEqual(['gcs-bq'])
  })

  it('follows the Spark and Hadoop ConfigMaps, driver ConfigMaps, env and image pull Secrets (the user guide\'s fields)', () => {
    const edit = (s: string) => s.replace('  driver:\n', [
      '  sparkConfigMap: spark-conf', '  hadoopConfigMap: hadoop-conf', '  imagePullSecrets:', '    - registry', '  driver:',
      '    configMaps:', '      - name: configmap1', '        path: /mnt/config-maps',
      '    envSecretKeyRefs:', '      SECRET_USERNAME:', '        name: mysecret', '        key: username', '',
    ].join('\n'))
    const r = build([...fixture('spark-operator', 'gcp-foo-gcs-bg.yaml', edit), secret('gcs-bq', 'key.json: e30='), secret('mysecret', 'username: YQ=='),
      secret('registry', '.dockerconfigjson: e30='), configMap('spark-conf'), configMap('hadoop-conf'), configMap('configmap1')])
    const spec = find(r.output, 'SparkApplication', 'foo-gcs-bg').spec
    expect([spec.sparkConfigMap, spec.hadoopConfigMap, spec.imagePullSecrets[0], spec.driver.configMaps[0].name, spec.driver.envSecretKeyRefs.SECRET_USERNAME.name])
      .toEqual(['spark-conf', 'hadoop-conf', 'registry', 'configmap1', 'mysecret'].map(n => renamed(r, n)))
  })

  it('volumes and pod templates found by shape: the examples run together, each SparkApplication follows', () => {
    const r = build(fixture('spark-operator', 'examples/'))
    expect(r.renames.map(x => x.originalName).sort()).toEqual(['test-configmap', 'test-configmap-2', 'test-secret', 'test-secret-2'])
    expect(find(r.output, 'SparkApplication', 'spark-pi-configmap').spec.volumes[0].configMap.name).toBe(renamed(r, 'test-configmap'))
    expect(r.renames.find(x => x.originalName === 'test-configmap')!.referencedBy.map(x => [x.name, x.path, x.effect])).toEqual([
      ['spark-pi-configmap', 'spec.volumes[0].configMap.name', 'rolls'],
      ['spark-pi-pod-template', 'spec.driver.template.spec.containers[0].env[1].valueFrom.configMapKeyRef.name', 'rolls'],
      ['spark-pi-pod-template', 'spec.executor.template.spec.containers[0].env[1].valueFrom.configMapKeyRef.name', 'rolls'],
    ])
    expect(r.warnings).toEqual([])
    // Shapes need no preset: the same renames without it.
    expect(build(fixture('spark-operator', 'examples/'), without('spark-operator')).renames.map(x => x.to)).toEqual(r.renames.map(x => x.to))
  })

  it('a ScheduledSparkApplication\'s template: the next run uses the new name', () => {
    // The guide's driver secrets, in a ScheduledSparkApplication's template.
    const scheduled = [extra('apiVersion: sparkoperator.k8s.io/v1beta2\nkind: ScheduledSparkApplication\nmetadata: {name: nightly}\nspec:\n' +
      '  schedule: "@every 10m"\n  template:\n    type: Java\n    mode: cluster\n    driver:\n      secrets:\n' +
      '      - {name: gcs-bq, path: /mnt/secrets, secretType: GCPServiceAccount}\n')]
    const r = build([...scheduled, secret('gcs-bq', 'key.json: e30=')])
    expect(r.renames[0]!.referencedBy).toMatchObject([{ kind: 'ScheduledSparkApplication', path: 'spec.template.driver.secrets[0].name', effect: 'updates' }])
  })
})

describe('kuberay', () => {
  it('follows a RayCluster\'s auth token Secret, and says only new pods use it', () => {
    const r = build(fixture('kuberay', 'ray-cluster.auth.secret-ref.yaml'))
    expect(find(r.output, 'RayCluster', 'ray-cluster-with-auth').spec.authOptions.secretName).toBe(renamed(r, 'ray-cluster-token'))
    expect(r.renames.find(x => x.originalName === 'ray-cluster-token')!.referencedBy).toMatchObject([
      { kind: 'RayCluster', path: 'spec.authOptions.secretName', effect: 'updates', reason: expect.stringContaining('upgradeStrategy.type is Recreate') },
    ])
    expect(r.warnings).toEqual([])
    // Without the preset nothing references the Secret; renamed anyway, the field is flagged.
    expect(renamed(build(fixture('kuberay', 'ray-cluster.auth.secret-ref.yaml'), without('kuberay')), 'ray-cluster-token')).toBeUndefined()
    expect(possible(build(fixture('kuberay', 'ray-cluster.auth.secret-ref.yaml'), without('kuberay', { select: 'all' })))).toEqual(['ray-cluster-token'])
  })

  it('follows the GCS fault tolerance Redis password, checks its key, and the ConfigMaps the pods mount', () => {
    const r = build(fixture('kuberay', 'ray-cluster.external-redis.yaml'))
    const spec = find(r.output, 'RayCluster', 'raycluster-external-redis').spec
    expect(spec.gcsFaultToleranceOptions.redisPassword.valueFrom.secretKeyRef.name).toBe(renamed(r, 'redis-password-secret'))
    expect(r.renames.map(x => x.originalName).sort()).toEqual(['ray-example', 'redis-config', 'redis-password-secret'])
    // The key the reference needs must be in the Secret.
    const missing = () => build(fixture('kuberay', 'ray-cluster.external-redis.yaml', s => s.replace('key: password', 'key: passwd')))
    expect(missing).toThrow(/passwd/)
  })

  it('a RayService\'s cluster config: a new RayCluster from the new spec (rolls)', () => {
    const r = build(fixture('kuberay', 'ray-service.high-availability.yaml'))
    const config = find(r.output, 'RayService', 'rayservice-ha').spec.rayClusterConfig
    expect(config.gcsFaultToleranceOptions.redisPassword.valueFrom.secretKeyRef.name).toBe(renamed(r, 'redis-password-secret'))
    expect(r.renames.find(x => x.originalName === 'redis-password-secret')!.referencedBy).toMatchObject([
      { kind: 'RayService', path: 'spec.rayClusterConfig.gcsFaultToleranceOptions.redisPassword.valueFrom.secretKeyRef.name', effect: 'rolls', reason: expect.stringContaining('new RayCluster') },
    ])
  })

  it('RayJob and RayCronJob: their cluster specs, with what a change does to each', () => {
    const cluster = (at: string) => `${at}authOptions: {mode: token, secretName: tok}\n${at}headGroupSpec:\n${at}  ingressOptions: {tls: [{secretName: head-tls}]}\n`
    const r = build([
      extra(`apiVersion: ray.io/v1\nkind: RayJob\nmetadata: {name: job}\nspec:\n  entrypoint: python x.py\n  rayClusterSpec:\n${cluster('    ')}`),
      extra(`apiVersion: ray.io/v1\nkind: RayCronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    rayClusterSpec:\n${cluster('      ')}`),
      secret('tok', 'auth_token: dA=='), secret('head-tls', 'tls.crt: dA==, tls.key: dA=='),
    ])
    expect(r.renames.find(x => x.originalName === 'tok')!.referencedBy.map(x => [x.kind, x.path, x.effect])).toEqual([
      ['RayJob', 'spec.rayClusterSpec.authOptions.secretName', 'updates'],
      ['RayCronJob', 'spec.jobTemplate.rayClusterSpec.authOptions.secretName', 'updates'],
    ])
    expect(r.renames.find(x => x.originalName === 'head-tls')!.referencedBy.map(x => x.path)).toEqual([
      'spec.rayClusterSpec.headGroupSpec.ingressOptions.tls[0].secretName', 'spec.jobTemplate.rayClusterSpec.headGroupSpec.ingressOptions.tls[0].secretName',
    ])
  })
})
