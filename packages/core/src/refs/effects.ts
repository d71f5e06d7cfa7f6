// What a rewritten reference does to the object that holds it, as data: by
// the object's kind where the kind decides (a Job's pod template cannot
// change; a ReplicaSet's can, but running pods stay), else by the entry.
import type { Referrer, ReferenceSpec } from '../types.js'

// --- internal ---

type Effect = Pick<Referrer, 'effect'> & { readonly reason: string }

const HOOK = 'a GitOps hook with a delete policy (argocd.argoproj.io/hook-delete-policy, helm.sh/hook-delete-policy)'
const RECREATE_OBJECT = 'delete the object before the next apply, or use kubectl replace --force'
const RECREATE_POD = `delete it before the next apply: ${HOOK}, or kubectl replace --force`
const RECREATE_JOB = `delete it before the next apply: ${HOOK}, ttlSecondsAfterFinished so that the finished Job is gone by then, or kubectl replace --force`

/** Objects whose kind decides the effect of any reference in them. */
const BY_KIND: ReadonlyArray<readonly [kinds: readonly string[], groups: readonly string[], effect: Effect]> = [
  [['Pod'], [''], { effect: 'recreate', reason: `a Pod's spec cannot change (only images and a few scheduling fields can): ${RECREATE_POD}` }],
  [['Job'], ['batch'], { effect: 'recreate', reason: `a Job's spec.template cannot change: ${RECREATE_JOB}` }],
  [['CronJob'], ['batch'], { effect: 'updates', reason: 'the next Job it creates uses the new name; a Job already running keeps the old one' }],
  [['ReplicaSet'], ['apps', 'extensions'], { effect: 'updates', reason: 'pods it creates from now on use the new name; running pods are not replaced' }],
  [['ReplicationController'], [''], { effect: 'updates', reason: 'pods it creates from now on use the new name; running pods are not replaced' }],
  [['PodTemplate'], [''], { effect: 'updates', reason: 'only what is made from the template from now on uses the new name' }],
  [['Workflow'], ['argoproj.io'], { effect: 'recreate', reason: 'a Workflow runs once: only a new Workflow uses the new name (they are usually submitted with generateName)' }],
  [['WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'], ['argoproj.io'], { effect: 'updates', reason: 'the next workflow run uses the new name' }],
  [['TaskRun', 'PipelineRun'], ['tekton.dev'], { effect: 'recreate', reason: `Tekton rejects any change to a TaskRun's or PipelineRun's spec once it has started: ${RECREATE_POD}` }],
  [['Task', 'ClusterTask', 'Pipeline', 'StepAction'], ['tekton.dev'], { effect: 'updates', reason: 'the next run uses the new name' }],
  [['SparkApplication'], ['sparkoperator.k8s.io'], {
    effect: 'rolls',
    reason: 'the Spark operator runs the application again when its spec changes: a running one is stopped and submitted anew, a finished one runs once more ' +
      '(its PartialRestart feature gate spares only changes of executor scheduling fields, never of a name)',
  }],
  [['ScheduledSparkApplication'], ['sparkoperator.k8s.io'], { effect: 'updates', reason: 'the next run uses the new name' }],
  // KubeRay (ray-project/kuberay feeaf72f): raycluster_controller.go shouldRecreatePodsForUpgrade,
  // rayservice_controller.go shouldPrepareNewCluster, rayjob_controller.go getOrCreateRayClusterInstance.
  [['RayCluster'], ['ray.io'], {
    effect: 'updates',
    reason: 'KubeRay gives the new spec only to pods it creates from now on, unless spec.upgradeStrategy.type is Recreate (then it deletes and recreates every pod)',
  }],
  [['RayService'], ['ray.io'], {
    effect: 'rolls',
    reason: 'KubeRay starts a new RayCluster from the new spec and moves traffic to it once it is ready (unless spec.upgradeStrategy.type is None)',
  }],
  [['RayJob'], ['ray.io'], { effect: 'updates', reason: 'KubeRay makes a RayJob\'s cluster from its spec once: only a retry or a new RayJob uses the new name' }],
  [['RayCronJob'], ['ray.io'], { effect: 'updates', reason: 'the next RayJob it creates uses the new name' }],
  // Volcano (volcano-sh/volcano ed72c7c8): webhooks/admission/jobs/validate/admit_job.go
  // validateJobUpdate lets a live Job change only minAvailable, tasks[*].replicas and
  // minAvailable, and priorityClassName (the default install validates UPDATE); the
  // CronJob controller and a JobFlow copy their templates into the Jobs they create.
  [['Job'], ['batch.volcano.sh'], {
    effect: 'recreate',
    reason: `Volcano's admission webhook rejects any change to a live Job's spec but minAvailable, replicas and priorityClassName: ${RECREATE_JOB}`,
  }],
  [['CronJob'], ['batch.volcano.sh'], { effect: 'updates', reason: 'the next Job it creates uses the new name; a Job already running keeps the old one' }],
  [['JobTemplate', 'JobFlow'], ['flow.volcano.sh'], { effect: 'updates', reason: 'a JobFlow makes a Job from it only when that Job does not exist yet: Jobs already made keep the old name' }],
  // rancher/system-upgrade-controller: a Plan's latestHash covers its version and spec.secrets, not env.
  [['Plan'], ['upgrade.cattle.io'], {
    effect: 'updates',
    reason: 'a Plan\'s hash does not cover env or image pull Secrets: nodes already upgraded do not run it again, and only the Jobs made from now on use the new name',
  }],
]

/**
 * The effect of rewriting one reference: `recreate` for a field that
 * cannot change on a live object (the entry's `mutable: false`); else what
 * the holder's kind decides; else `rolls` inside a pod template or volume
 * list found by shape (a controller or operator makes pods from it), and
 * `updates` elsewhere.
 */
export function effectOf(spec: ReferenceSpec, kind: string, group: string): Effect | Pick<Referrer, 'effect'> {
  if (spec.mutable === false) {
    const what = spec.reason ?? 'this field cannot change on a live object'
    return { effect: 'recreate', reason: `${what}: ${RECREATE_OBJECT}` }
  }
  for (const [kinds, groups, effect] of BY_KIND) if (kinds.includes(kind) && groups.includes(group)) return effect
  return { effect: spec.on === 'PodSpec' || spec.on === 'VolumeList' || spec.on === 'EnvHolder' ? 'rolls' : 'updates' }
}
