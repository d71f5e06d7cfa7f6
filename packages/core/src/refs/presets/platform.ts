// Presets: programs that read a ConfigMap by a name compiled into them (a
// flag's default), while their manifests also mount it: the mount alone
// would have it renamed, and the program would then look for a name that no
// longer exists. Found by the second field test (local-path-provisioner,
// Katib); nothing in the manifests says so, only the programs' source.
import type { Preset } from '../../types.js'
import { pins } from './define.js'

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
