// --- internal ---

/**
 * Whether Kubernetes accepts `s` as the base64 of a `[]byte` field (Secret
 * `data`, ConfigMap `binaryData`): Go's base64.StdEncoding, as encoding/json
 * uses it: standard alphabet, `=` padding required, `\r` and `\n` skipped,
 * nothing else (no spaces, no URL-safe alphabet).
 */
export function isKubernetesBase64(s: string): boolean {
  let chars = 0
  let pad = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 10 || c === 13) continue
    if (c === 61) {
      pad++
      continue
    }
    const alphabet = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47
    if (pad > 0 || !alphabet) return false
    chars++
  }
  if (pad > 2 || (chars + pad) % 4 !== 0) return false
  return pad === 0 || chars % 4 === 4 - pad
}

/** The bytes of base64 text already checked with isKubernetesBase64. */
export function decodeBase64(s: string): Uint8Array {
  return Buffer.from(s.replace(/[\r\n]/g, ''), 'base64')
}
