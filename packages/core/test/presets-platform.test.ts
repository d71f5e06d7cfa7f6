// Presets for the platform (programs that read a mounted ConfigMap by a name
// compiled into them; Rancher's system-upgrade-controller), on the projects'
// own manifests (fixtures/presets/<preset>/, sources and licences in
// SOURCE.md there).
import { describe, expect, it } from 'vitest'
import { build } from '@cmhash/core'
import { find } from './_build.js'
import { configMap, fixture, renamed, secret, without } from './_presets.js'

describe.each([
  { preset: 'local-path-provisioner', file: 'deploy/local-path-storage.yaml', name: 'local-path-config', workload: 'local-path-provisioner', reason: '--configmap-name' },
  { preset: 'katib', file: 'katib-standalone.yaml', name: 'katib-config', workload: 'katib-controller', reason: 'for every Experiment' },
])('$preset', ({ preset, file, name, workload, reason }) => {
  const input = fixture(preset, file)

  it(`keeps ${name}, which its workload mounts and its program reads by name, and says why`, () => {
    const r = build(input)
    expect(renamed(r, name)).toBeUndefined()
    const volumes = find(r.output, 'Deployment', workload).spec.template.spec.volumes as Array<{ configMap?: { name: string } }>
    expect(volumes.map(v => v.configMap?.name)).toContain(name)
    const pinned = r.warnings.filter(w => w.code === 'PINNED' && w.resource?.name === name)
    expect(pinned).toHaveLength(1)
    expect(pinned[0]!.message).toContain(reason)
  })

  it('renames it when the preset is off: the mount alone would have moved it', () => {
    expect(renamed(build(input, without(preset)), name)).toMatch(new RegExp(`^${name}-[a-z0-9]{10}$`))
  })
})

describe('system-upgrade-controller', () => {
  const input = fixture('system-upgrade-controller', 'bionic.yaml')

  it('keeps a Plan\'s spec.secrets, which the controller hashes into the Plan itself, even with --select all', () => {
    for (const select of ['referenced', 'all'] as const) {
      const r = build(input, { select })
      expect(renamed(r, 'bionic')).toBeUndefined()
      expect(find(r.output, 'Plan', 'bionic').spec.secrets[0].name).toBe('bionic')
      expect(r.warnings.map(w => w.code)).toEqual([])
    }
    // Without the preset, --select all renames it and the field is flagged.
    const off = build(input, without('system-upgrade-controller', { select: 'all' }))
    expect(renamed(off, 'bionic')).toMatch(/^bionic-[a-z0-9]{10}$/)
    expect(off.warnings.map(w => w.code)).toEqual(['POSSIBLE_REFERENCE'])
  })

  it('follows the upgrade and prepare containers\' envs and envFrom, and image pull Secrets; nodes already upgraded keep theirs', () => {
    const edit = (s: string) => s.replace('  upgrade:\n', [
      '  imagePullSecrets: [{name: registry}]', '  prepare:', '    image: busybox', '    envFrom: [{configMapRef: {name: prepare-env}}]',
      '  upgrade:', '    envs:', '    - {name: TOKEN, valueFrom: {secretKeyRef: {name: upgrade-token, key: token}}}', '',
    ].join('\n'))
    const r = build([...fixture('system-upgrade-controller', 'bionic.yaml', edit),
      secret('registry', '.dockerconfigjson: e30=', 'system-upgrade'), configMap('prepare-env', 'A: b', 'system-upgrade'), secret('upgrade-token', 'token: dA==', 'system-upgrade')])
    const spec = find(r.output, 'Plan', 'bionic').spec
    expect([spec.imagePullSecrets[0].name, spec.prepare.envFrom[0].configMapRef.name, spec.upgrade.envs[0].valueFrom.secretKeyRef.name])
      .toEqual(['registry', 'prepare-env', 'upgrade-token'].map(n => renamed(r, n)))
    expect(r.renames.find(x => x.originalName === 'upgrade-token')!.referencedBy).toMatchObject([
      { kind: 'Plan', path: 'spec.upgrade.envs[0].valueFrom.secretKeyRef.name', effect: 'updates', reason: expect.stringContaining('do not run it again') },
    ])
    expect(renamed(r, 'bionic')).toBeUndefined()
  })
})
