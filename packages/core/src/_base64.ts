// --- internal ---

const ALPHABET = /^[A-Za-z0-9+/]$/

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
    const ch = s[i]!
    if (ch === '\n' || ch === '\r') continue
    if (ch === '=') {
      pad++
      continue
    }
    if (pad > 0 || !ALPHABET.test(ch)) return false
    chars++
  }
  if (pad > 2 || (chars + pad) % 4 !== 0) return false
  return pad === 0 || chars % 4 === 4 - pad
}

/** The bytes of base64 text already checked with isKubernetesBase64. */
export function decodeBase64(s: string): Uint8Array {
  return Buffer.from(s.replace(/[\r\n]/g, ''), 'base64')
}
