// Generated from schema/cmhash.config.schema.json by scripts/gen-config-types.mjs. Do not edit.

// --- internal ---

export const CONFIG_SCHEMA: Record<string, unknown> = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://unpkg.com/@cmhash/core/schema/cmhash.config.schema.json",
  "title": "CmhashConfig",
  "description": "cmhash configuration (cmhash.config.yaml or cmhash.config.json): options for `cmhash build`, presets, and reference locations of custom resources.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string",
      "description": "The JSON Schema this file follows, for editors."
    },
    "namespace": {
      "type": "string",
      "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
      "maxLength": 63,
      "description": "Namespace of objects that set none (default \"default\"), as `kubectl apply -n` would use. The same as --namespace."
    },
    "select": {
      "enum": [
        "referenced",
        "all",
        "annotated"
      ],
      "description": "Which ConfigMaps and Secrets are hashed: those a workload references (default), all of them, or only those annotated cmhash.dev/hash: \"true\". Pinned objects are never hashed unless annotated. The same as --select."
    },
    "gitops": {
      "enum": [
        "argocd",
        "flux",
        "helm"
      ],
      "description": "Annotate hashed objects so that this GitOps tool does not delete old versions before the rollout finishes (cmhash prune does it later). The same as --gitops."
    },
    "include": {
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1
      },
      "uniqueItems": true,
      "description": "Globs of the files to read in input directories, relative to each directory (default: **/*.yaml, **/*.yml, **/*.json). The same as --include."
    },
    "exclude": {
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1
      },
      "uniqueItems": true,
      "description": "Globs of files to skip in input directories, besides hidden paths and kustomization files. The same as --exclude."
    },
    "presets": {
      "type": "object",
      "description": "Built-in presets to turn off (false) or on (true). All are on unless set to false.",
      "additionalProperties": false,
      "properties": {
        "argo-rollouts": {
          "type": "boolean"
        },
        "argo-cd": {
          "type": "boolean"
        },
        "knative": {
          "type": "boolean"
        },
        "prometheus-operator": {
          "type": "boolean"
        },
        "flux": {
          "type": "boolean"
        },
        "keda": {
          "type": "boolean"
        },
        "external-secrets": {
          "type": "boolean"
        },
        "cert-manager": {
          "type": "boolean"
        },
        "gateway-api": {
          "type": "boolean"
        },
        "istio": {
          "type": "boolean"
        },
        "traefik": {
          "type": "boolean"
        }
      }
    },
    "references": {
      "type": "array",
      "description": "Extra places where objects name ConfigMaps or Secrets.",
      "items": {
        "$ref": "#/definitions/Reference"
      }
    },
    "pinned": {
      "type": "array",
      "description": "ConfigMaps and Secrets that programs read by a fixed name: never hashed unless annotated cmhash.dev/hash: \"true\".",
      "items": {
        "$ref": "#/definitions/Pinned"
      }
    }
  },
  "definitions": {
    "Reference": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "path",
        "refKind"
      ],
      "description": "A field of objects of one kind that names a ConfigMap or Secret.",
      "properties": {
        "group": {
          "type": "string",
          "description": "API group of the referring objects (any group when absent)."
        },
        "version": {
          "type": "string",
          "description": "API version of the referring objects, without the group (any version when absent)."
        },
        "kind": {
          "type": "string",
          "minLength": 1,
          "description": "Kind of the referring objects."
        },
        "path": {
          "type": "string",
          "pattern": "^[^/]+(/[^/]+)*$",
          "description": "Keys from the object's root to the name, separated by /; lists are walked implicitly, a list of names at the end is a list of references; write \\/ for a / inside a key and * to match any key."
        },
        "refKind": {
          "enum": [
            "ConfigMap",
            "Secret"
          ],
          "description": "What the name names; with refKindKey, the kind to assume when that key is absent."
        },
        "refKindKey": {
          "type": "string",
          "minLength": 1,
          "description": "The key beside the name that holds the kind (ConfigMap or Secret), as in Flux valuesFrom: [{kind: ConfigMap, name: x}]."
        },
        "use": {
          "enum": [
            "rewrite",
            "pin",
            "creates"
          ],
          "description": "rewrite (default): the reference follows the rename. pin: a program reads the object by this name, so it keeps its name. creates: a program writes the object under this name at run time; it keeps its name and references to it are not reported missing."
        },
        "format": {
          "enum": [
            "name",
            "namespaced-name"
          ],
          "description": "namespaced-name: the value is namespace/name or name."
        },
        "namespaceKey": {
          "type": "string",
          "minLength": 1,
          "description": "The key beside the name that holds the target's namespace."
        },
        "anyNamespace": {
          "type": "boolean",
          "description": "The target may be in any namespace (the only object of that name)."
        },
        "reason": {
          "type": "string",
          "description": "Why; shown in warnings."
        }
      }
    },
    "Pinned": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "name"
      ],
      "properties": {
        "kind": {
          "enum": [
            "ConfigMap",
            "Secret"
          ]
        },
        "name": {
          "type": "string",
          "minLength": 1,
          "description": "The name before hashing."
        },
        "namespace": {
          "type": "string",
          "description": "Any namespace when absent."
        },
        "reason": {
          "type": "string",
          "description": "Why; shown in warnings."
        }
      }
    }
  }
}
