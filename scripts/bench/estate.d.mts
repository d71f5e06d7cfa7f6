/** Writes a synthetic estate of `apps` apps under `dir` (see estate.mjs); `kustomize: false` leaves out the kustomization. */
export function writeEstate(dir: string, apps: number, options?: { kustomize?: boolean }): { manifests: string; kustomize: string; bytes: number; documents: number }
/** Writes the first app's ConfigMap alone, as a manifest and as a kustomization (see estate.mjs). */
export function writeOneDocument(dir: string): { manifests: string; kustomize: string }
