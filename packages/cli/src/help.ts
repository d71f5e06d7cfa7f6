// The help texts of every command.

export const MAIN_HELP = `cmhash: content-hashed, immutable ConfigMaps and Secrets, with every reference rewritten

Usage:
  cmhash build [options] <path>...    hash, rename and rewrite; print the manifests
  cmhash build [options] -            the same, reading manifests from stdin
  cmhash help build                   options of build
  cmhash prune --live FILE <path>...  list old versions that nothing uses any more
  cmhash help prune                   options of prune
  cmhash config schema                print the configuration file's JSON Schema
  cmhash config check [FILE]          validate a configuration file
                                      (default: cmhash.config.yaml here)
  cmhash --version

Examples:
  cmhash build k8s/ | kubectl apply -f -
  helm template app chart/ | cmhash build - | kubectl apply -f -
`

export const PRUNE_HELP = `Usage: cmhash prune --live FILE|- [options] <path>... | -

Lists the hashed ConfigMaps and Secrets (label cmhash.dev/managed: "true")
that can be deleted: those not in the desired manifests (<path>..., hashed
as build would), not referenced by any live object, and older than the
newest --keep versions of their name. Offline: it reads live state that you
export:

  kubectl get configmaps,secrets,pods,replicasets,controllerrevisions,jobs,cronjobs -A -o yaml > live.yaml
  cmhash prune --live live.yaml k8s/ | kubectl delete -f -

Options:
  -l, --live FILE        the live state (kubectl get ... -o yaml): a file, a
                         directory of them, or - for stdin
      --keep N           keep the N newest versions of each name (default 3)
  -A, --all-namespaces   also consider namespaces the desired input does not touch
      --output FORMAT    list (default): a v1 List for kubectl delete -f -;
                         names: kind/name -n namespace lines
  -q, --quiet            do not print the table of candidates on stderr
  and build's --namespace, --select, --config, --include, --exclude, --strict

Exit codes: 0 decided; 1 the live state is empty or invalid, the desired
input is invalid, or --strict and warnings (nothing is printed); 2 usage
error or unreadable input.
`

export const BUILD_HELP = `Usage: cmhash build [options] <path>... | -

Every ConfigMap and Secret that a workload references (and nothing pins to
its name) is renamed name-<hash>, where <hash> is the suffix kubectl
kustomize would give the same content; it is marked immutable: true,
labelled cmhash.dev/managed: "true" and annotated cmhash.dev/name with its
original name, and every reference to it is rewritten. Everything else is
printed exactly as written.

<path> is a manifest file (.yaml, .yml, .json) or a directory, read
recursively (hidden paths and kustomization.yaml skipped); - reads stdin.

Options:
  -o, --output-dir DIR   write one file per input file under DIR, mirroring
                         paths, instead of printing one stream to stdout
  -n, --namespace NS     namespace of objects that set none (default
                         "default"), as with kubectl apply -n NS
      --select MODE      which ConfigMaps/Secrets to hash: referenced
                         (default), all, or annotated (only those annotated
                         cmhash.dev/hash: "true")
  -c, --config FILE      configuration file (default: cmhash.config.yaml,
                         .yml or .json in the input directory)
      --include GLOB     files to read in directories (repeatable; default
                         **/*.yaml, **/*.yml, **/*.json)
      --exclude GLOB     files to skip in directories (repeatable)
      --gitops TOOL      annotate hashed objects so that argocd, flux or
                         helm does not delete old versions before a rollout
                         finishes (cmhash prune removes them later)
      --report FILE      write a JSON report: every hashed ConfigMap/Secret,
                         old and new name, and what rolls because of it
      --summary          print that report as a table on stderr
      --format FORMAT    yaml (default), or json: one v1 List
      --strict           fail (exit 1) when there are warnings
  -q, --quiet            do not print warnings
  -h, --help             show this help

A config.kubernetes.io/v1 ResourceList on stdin (a KRM function's input,
as kpt and kustomize send it) is transformed and written back as a
ResourceList; its functionConfig (a ConfigMap, or kind CmhashConfig) is
read as configuration.

Annotations on a ConfigMap/Secret:
  cmhash.dev/hash: "true"    always hash it (and rewrite RBAC resourceNames too)
  cmhash.dev/hash: "false"   never hash it

Exit codes: 0 built; 1 the input is invalid, or --strict and warnings
(nothing is written); 2 usage error, unreadable input or unwritable output.
`
