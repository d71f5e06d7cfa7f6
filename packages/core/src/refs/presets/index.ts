// Reference locations, fixed names and objects made at run time of popular
// operators, on by default. Each entry is either a reference cmhash may
// rewrite (the operator reads the name from the field, so a new name is
// simply followed), a reader by name that pins the object (the operator
// reads or writes a fixed name, or derives paths from it), or an object that
// exists without being in the manifests (created at run time). The reason
// for each decision is recorded with it.
//
// Mutability: every field below may change on a live object (the projects'
// CRDs carry no `self == oldSelf` rule on them, and their webhooks accept
// the change) unless the entry says `mutable: false`; where a whole object
// cannot change once it runs (a Workflow, a TaskRun), refs/effects.ts says so
// by kind.
import type { Preset } from '../../types.js'
import { argoCd, argoRollouts, argoWorkflows } from './argo.js'
import { grafanaOperator, jaeger, opentelemetryOperator, prometheusOperator } from './observability.js'
import { flux, keda, knative, tekton } from './delivery.js'
import { certManager, externalSecrets, rook, sealedSecrets, secretsStoreCsiDriver } from './secrets.js'
import { contour, gatewayApi, ingressNginx, istio, linkerd, nginxInc, traefik } from './networking.js'
import { clickhouseOperator, cloudnativePg, mongodbCommunity, zalandoPostgresOperator } from './databases.js'
import { keycloakOperator, kuberay, rabbitmqClusterOperator, sparkOperator } from './services.js'
import { katib, localPathProvisioner, systemUpgradeController } from './platform.js'

/** Every built-in preset, in the order the config schema lists them. */
export const PRESETS: readonly Preset[] = [
  argoRollouts, argoCd, knative, prometheusOperator, flux, keda, externalSecrets, certManager, gatewayApi, istio, traefik,
  linkerd, nginxInc, argoWorkflows, jaeger, tekton, ingressNginx, contour, rook, secretsStoreCsiDriver, sealedSecrets, grafanaOperator,
  cloudnativePg, zalandoPostgresOperator, rabbitmqClusterOperator, keycloakOperator, sparkOperator,
  opentelemetryOperator, localPathProvisioner, katib, mongodbCommunity, clickhouseOperator, kuberay, systemUpgradeController,
]
