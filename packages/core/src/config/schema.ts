// Generated from schema/cmhash.config.schema.json by scripts/gen-config-types.mjs. Do not edit.

// --- internal ---

export const CONFIG_SCHEMA: Record<string, unknown> = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://unpkg.com/@cmhash/core/schema/cmhash.config.schema.json",
  "title": "CmhashConfig",
  "description": "cmhash configuration (cmhash.config.yaml or cmhash.config.json): options for `cmhash build`, presets, reference locations of custom resources, objects made outside the manifests, what each warning does, and ConfigMap/Secret generators as kustomize writes them.",
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
        "minLength": 1,
        "not": {
          "pattern": "^/|(^|[/{,])\\.\\.($|[/},])",
          "$comment": "A glob that leaves the input directory: absolute, or with a .. segment."
        }
      },
      "uniqueItems": true,
      "description": "Globs of the files to read in input directories, relative to each directory, which they cannot leave (no .. segment, no absolute path; default: **/*.yaml, **/*.yml, **/*.json). The same as --include."
    },
    "exclude": {
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1,
        "not": {
          "pattern": "^/|(^|[/{,])\\.\\.($|[/},])",
          "$comment": "A glob that leaves the input directory: absolute, or with a .. segment."
        }
      },
      "uniqueItems": true,
      "description": "Globs of files to skip in input directories, relative to each directory (no .. segment, no absolute path), besides hidden paths and kustomization files. The same as --exclude."
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
        },
        "linkerd": {
          "type": "boolean"
        },
        "nginx-inc": {
          "type": "boolean"
        },
        "argo-workflows": {
          "type": "boolean"
        },
        "jaeger": {
          "type": "boolean"
        },
        "tekton": {
          "type": "boolean"
        },
        "ingress-nginx": {
          "type": "boolean"
        },
        "contour": {
          "type": "boolean"
        },
        "rook": {
          "type": "boolean"
        },
        "secrets-store-csi-driver": {
          "type": "boolean"
        },
        "sealed-secrets": {
          "type": "boolean"
        },
        "grafana-operator": {
          "type": "boolean"
        },
        "cloudnative-pg": {
          "type": "boolean"
        },
        "zalando-postgres-operator": {
          "type": "boolean"
        },
        "rabbitmq-cluster-operator": {
          "type": "boolean"
        },
        "keycloak-operator": {
          "type": "boolean"
        },
        "spark-operator": {
          "type": "boolean"
        },
        "opentelemetry-operator": {
          "type": "boolean"
        },
        "local-path-provisioner": {
          "type": "boolean"
        },
        "katib": {
          "type": "boolean"
        },
        "mongodb-community": {
          "type": "boolean"
        },
        "clickhouse-operator": {
          "type": "boolean"
        },
        "kuberay": {
          "type": "boolean"
        },
        "system-upgrade-controller": {
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
    },
    "external": {
      "type": "array",
      "description": "ConfigMaps and Secrets that exist outside these manifests (made by hand, by Vault or External Secrets, by a controller at run time): a reference to one is not MISSING_REFERENCE, and one in the input keeps its name.",
      "items": {
        "$ref": "#/definitions/External"
      }
    },
    "warnings": {
      "type": "object",
      "description": "What each warning code does: error fails the build (as with an error), warn reports it (the default), ignore drops it. The same as --warning CODE=LEVEL, which wins.",
      "additionalProperties": false,
      "properties": {
        "MISSING_REFERENCE": {
          "$ref": "#/definitions/WarningLevel"
        },
        "PINNED": {
          "$ref": "#/definitions/WarningLevel"
        },
        "AMBIGUOUS_REFERENCE": {
          "$ref": "#/definitions/WarningLevel"
        },
        "NOT_A_RESOURCE": {
          "$ref": "#/definitions/WarningLevel"
        },
        "IMMUTABLE_OVERRIDDEN": {
          "$ref": "#/definitions/WarningLevel"
        },
        "EMPTY_INPUT": {
          "$ref": "#/definitions/WarningLevel"
        },
        "ANNOTATION_OVERRIDDEN": {
          "$ref": "#/definitions/WarningLevel"
        },
        "POSSIBLE_REFERENCE": {
          "$ref": "#/definitions/WarningLevel"
        },
        "RECREATE_REQUIRED": {
          "$ref": "#/definitions/WarningLevel"
        },
        "UNREFERENCED": {
          "$ref": "#/definitions/WarningLevel"
        },
        "INCOMPLETE_LIVE_STATE": {
          "$ref": "#/definitions/WarningLevel"
        }
      }
    },
    "configMapGenerator": {
      "type": "array",
      "description": "ConfigMaps made from files, env files and literals, as kustomize's configMapGenerator makes them (same fields, same names). Paths are relative to this file and may not leave its directory.",
      "items": {
        "$ref": "#/definitions/ConfigMapGenerator"
      }
    },
    "secretGenerator": {
      "type": "array",
      "description": "Secrets made from files, env files and literals, as kustomize's secretGenerator makes them (same fields, same names). Paths are relative to this file and may not leave its directory.",
      "items": {
        "$ref": "#/definitions/SecretGenerator"
      }
    },
    "generatorOptions": {
      "$ref": "#/definitions/GeneratorOptions"
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
    },
    "External": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind",
        "name"
      ],
      "description": "A ConfigMap or Secret that exists outside the manifests.",
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
          "description": "The name, or a glob: * matches any run of characters, ? one character."
        },
        "namespace": {
          "type": "string",
          "minLength": 1,
          "description": "The namespace, or a glob; any namespace when absent."
        },
        "reason": {
          "type": "string",
          "description": "Why; shown in warnings."
        }
      }
    },
    "WarningLevel": {
      "enum": [
        "error",
        "warn",
        "ignore"
      ]
    },
    "ConfigMapGenerator": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "description": "A ConfigMap made from files, env files and literals (kustomize configMapGenerator).",
      "properties": {
        "name": {
          "type": "string",
          "minLength": 1,
          "maxLength": 253,
          "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
          "description": "The name before hashing (a DNS subdomain name); the object is named name-<hash> unless disableNameSuffixHash."
        },
        "namespace": {
          "type": "string",
          "maxLength": 63,
          "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
          "description": "The namespace written in the object (none when absent)."
        },
        "behavior": {
          "enum": [
            "create"
          ],
          "description": "Only create (the default). kustomize's merge and replace change an object of a kustomize base; cmhash has no bases, so they are refused."
        },
        "files": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "Files whose content becomes one key each: path (the key is the file name) or key=path. Text that is valid UTF-8 goes to data, anything else to binaryData (ConfigMaps)."
        },
        "envs": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "Env files: one KEY=value per line; blank lines and lines starting with # are skipped; nothing is unquoted or expanded."
        },
        "env": {
          "type": "string",
          "minLength": 1,
          "description": "One env file (kustomize's older spelling of envs)."
        },
        "literals": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "KEY=value entries; one pair of surrounding quotes (\" or ') is removed from the value."
        },
        "options": {
          "$ref": "#/definitions/GeneratorOptions"
        }
      }
    },
    "SecretGenerator": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "description": "A Secret made from files, env files and literals (kustomize secretGenerator). Values are base64-encoded into data; stringData is never written.",
      "properties": {
        "name": {
          "type": "string",
          "minLength": 1,
          "maxLength": 253,
          "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
          "description": "The name before hashing (a DNS subdomain name); the object is named name-<hash> unless disableNameSuffixHash."
        },
        "namespace": {
          "type": "string",
          "maxLength": 63,
          "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
          "description": "The namespace written in the object (none when absent)."
        },
        "behavior": {
          "enum": [
            "create"
          ],
          "description": "Only create (the default). kustomize's merge and replace change an object of a kustomize base; cmhash has no bases, so they are refused."
        },
        "files": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "Files whose content becomes one key each: path (the key is the file name) or key=path. Text that is valid UTF-8 goes to data, anything else to binaryData (ConfigMaps)."
        },
        "envs": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "Env files: one KEY=value per line; blank lines and lines starting with # are skipped; nothing is unquoted or expanded."
        },
        "env": {
          "type": "string",
          "minLength": 1,
          "description": "One env file (kustomize's older spelling of envs)."
        },
        "literals": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "KEY=value entries; one pair of surrounding quotes (\" or ') is removed from the value."
        },
        "options": {
          "$ref": "#/definitions/GeneratorOptions"
        },
        "type": {
          "type": "string",
          "minLength": 1,
          "description": "The Secret type (default Opaque), e.g. kubernetes.io/tls."
        }
      }
    },
    "GeneratorOptions": {
      "type": "object",
      "additionalProperties": false,
      "description": "Options of generated objects; at the top level (generatorOptions) they apply to every generator, whose own options win for the same label or annotation.",
      "properties": {
        "labels": {
          "type": "object",
          "additionalProperties": {
            "type": "string"
          },
          "description": "Labels to write on the object."
        },
        "annotations": {
          "type": "object",
          "additionalProperties": {
            "type": "string"
          },
          "description": "Annotations to write on the object."
        },
        "disableNameSuffixHash": {
          "type": "boolean",
          "description": "Keep the name as written: the object is annotated cmhash.dev/hash: \"false\", so it is not hashed, renamed or made immutable. True at either level wins."
        },
        "immutable": {
          "type": "boolean",
          "description": "Write immutable: true (hashed objects are made immutable anyway). True at either level wins."
        }
      }
    }
  }
}
