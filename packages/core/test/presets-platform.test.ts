// Presets for programs that read a mounted ConfigMap by a name compiled into
// them, on the projects' own install manifests (fixtures/presets/<preset>/,
// sources and licences in SOURCE.md there).
import { describe, expect, it } from 'vitest'
import { build } from '@cmhash/core'
import { find } from './_build.js'
import { fixture, renamed, without } from './_presets.js'

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
