// Presets for the platform under the workloads. Programs that read a
// ConfigMap by a name compiled into them (a flag's default), while their
// manifests also mount it: the mount alone would have it renamed, and the
// program would then look for a name that no longer exists. Found by the
// second field test (local-path-provisioner, Katib); nothing in the
// manifests says so, only the programs' source. And Rancher's
// system-upgrade-controller, found by the fifth.
import type { Preset, ReferenceSpec } from '../../types.js'
import { FOLLOWS, pins, ref } from './define.js'

// --- internal ---

// rancher/local-path-provisioner 9fa2a62e main.go: --configmap-name defaults to
// "local-path-config"; `start` reads helperPod.yaml from that ConfigMap and every
// helper pod mounts it (provisioner.go). deploy/local-path-storage.yaml mounts it
// too and passes no --configmap-name.
export const localPathProvisioner: Preset = {
  name: 'local-path-provisioner',
  description: 'Rancher local-path-provisioner: its local-path-config ConfigMap, which the provisioner reads by its --configmap-name default, pinned.',
  references: [],
  pinned: pins('ConfigMap', ['local-path-config'],
    'local-path-provisioner reads its helper pod template from this ConfigMap by name (its --configmap-name flag, default local-path-config) and mounts it into every helper pod'),
  external: [],
}

// kubeflow/katib 33c8ff4 pkg/util/v1beta1/katibconfig/config.go: fromConfigMap gets
// consts.KatibConfigMapName ("katib-config") in the Katib namespace for every
// suggestion, early-stopping and metrics-collector lookup; the upstream
// kustomization generates it with disableNameSuffixHash for that reason.
export const katib: Preset = {
  name: 'katib',
  description: 'Kubeflow Katib: its katib-config ConfigMap, which katib-controller reads by name for every Experiment, pinned.',
  references: [],
  pinned: pins('ConfigMap', ['katib-config'],
    'katib-controller reads this ConfigMap by its fixed name (katib-config) for every Experiment\'s suggestion and metrics collector; upstream generates it without a hash suffix for that reason'),
  external: [],
}

// rancher/system-upgrade-controller d357e230 (pkg/ as in v0.20.1). pkg/upgrade/plan/plan.go
// DigestStatus: a Plan's status.latestHash covers each spec.secrets[] Secret (kubectl's
// SecretHash: its name, type and data; not with ignoreUpdates), and a node whose label
// differs from it runs the upgrade again (SelectConcurrentNodes); handle_core.go
// handleSecrets re-queues the Plan when such a Secret changes; job.go New mounts each at
// its path, or under /run/system-upgrade/secrets/<name> when the path is empty. So the
// controller already re-runs a Plan when a Secret's content changes, and a new name alone
// would re-run it on every node (a drain, often a reboot): they are pinned. The upgrade and
// prepare containers' `envs` (not `env`) and `envFrom` are core EnvVar and EnvFromSource,
// copied into the Job's containers (container.go New) and read by name by its pods;
// imagePullSecrets is copied into the Job's pod spec.
const UPGRADE = ['upgrade.cattle.io']

const PLAN_SECRETS = 'system-upgrade-controller hashes each Secret in spec.secrets (its name and data) into the Plan\'s latestHash and runs the upgrade again ' +
  'on every node when it changes: it already re-runs the Plan on a change of content, and a new name alone would re-run it everywhere'

const PLAN_FOLLOWS = `system-upgrade-controller ${FOLLOWS} into the Jobs it makes`

function planContainer(at: string): ReferenceSpec[] {
  return [
    ref('Plan', UPGRADE, `${at}/envs/valueFrom/secretKeyRef/name`, 'Secret', 'rewrite', PLAN_FOLLOWS, { keyPath: 'key' }),
    ref('Plan', UPGRADE, `${at}/envs/valueFrom/configMapKeyRef/name`, 'ConfigMap', 'rewrite', PLAN_FOLLOWS, { keyPath: 'key' }),
    ref('Plan', UPGRADE, `${at}/envFrom/secretRef/name`, 'Secret', 'rewrite', PLAN_FOLLOWS),
    ref('Plan', UPGRADE, `${at}/envFrom/configMapRef/name`, 'ConfigMap', 'rewrite', PLAN_FOLLOWS),
  ]
}

export const systemUpgradeController: Preset = {
  name: 'system-upgrade-controller',
  description: 'Rancher system-upgrade-controller: a Plan\'s spec.secrets pinned (the controller hashes their content into the Plan and re-runs it on every node when it changes); the upgrade and prepare containers\' envs and envFrom, and imagePullSecrets, followed.',
  references: [
    ref('Plan', UPGRADE, 'spec/secrets/name', 'Secret', 'pin', PLAN_SECRETS),
    ...planContainer('spec/upgrade'), ...planContainer('spec/prepare'),
    ref('Plan', UPGRADE, 'spec/imagePullSecrets/name', 'Secret', 'rewrite', PLAN_FOLLOWS),
  ],
  pinned: [],
  external: [],
}
