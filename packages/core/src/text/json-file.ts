// --- internal ---

/**
 * A file kubectl reads as JSON: its first character after white space is
 * `{` (any other file is YAML 1.1 to it). The two take different escapes and
 * line breaks in strings, so reading and writing both ask.
 */
export function isJsonFile(text: string): boolean {
  return /^\s*\{/.test(text)
}
