/** Writes a synthetic estate of `apps` apps under `dir` (see estate.mjs). */
export function writeEstate(dir: string, apps: number): { manifests: string; kustomize: string; bytes: number; documents: number }
