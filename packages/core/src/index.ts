// The public surface of @cmhash/core. Every name is listed here on purpose;
// test/exports.test.ts pins the list.
export { build } from './build.js'
export { prune, pruneKinds } from './prune/index.js'
export { hashConfigMap, hashSecret } from './kube/hash.js'
export { changeReport, formatCandidates, formatSummary } from './report/change-report.js'
export { addToResourceList, isResourceList, toJsonList } from './lists.js'
export { CmhashError, formatProblem, formatResource, WARNING_CODES } from './errors.js'
export { escapeControl } from './text/escape.js'
export { PRESETS } from './refs/presets/index.js'
export { CLUSTER_SCOPED_KINDS, REFERENCE_SPECS } from './refs/table.js'
export { CONFIG_FILE_NAMES, GITOPS_ANNOTATIONS, HASH_ANNOTATION, MANAGED_LABEL, NAME_ANNOTATION } from './constants.js'

export type {
  BuildInput, BuildOptions, BuildResult, ConfigMapContent, ExternalName, OutputFile, PinnedName, Preset, PruneCandidate, PruneKind, PruneOptions,
  PruneResult, ReferenceSpec, Referrer, Rename, SecretContent, SelectMode, TargetKind,
} from './types.js'
export type { CmhashWarning, ErrorCode, ErrorDetail, Problem, ResourceRef, SourceLocation, WarningCode, WarningLevel } from './errors.js'
export type { ChangeReport, ReportReferrer, ReportRename, ReportWarning } from './report/change-report.js'
export { diff, DiffError, formatDiffMarkdown, formatDiffTable } from './diff/index.js'
export type {
  DiffAffected, DiffCause, DiffConfig, DiffEffect, DiffErrorDetail, DiffKeys, DiffMarkdownOptions, DiffObject, DiffOptions,
  DiffReferrer, DiffResult, DiffWarning,
} from './diff/index.js'
export { generate, generatorFiles } from './generate/index.js'
export type { ConfigMapGenerator, ConfigPath, GeneratedObject, GenerateOptions, GeneratorFiles, GeneratorOptions, GeneratorSpec, SecretGenerator, UnreadableFile } from './generate/types.js'
