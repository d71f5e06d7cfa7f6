// --- internal ---

// C0 and C1 controls, DEL, the Unicode line and paragraph separators, and
// the bidirectional overrides that can make a line display as another.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * Text safe to print on one line: control characters and the like become
 * `\n`, `\t`, `\xNN` or `\uNNNN`. A name holding a line break would
 * otherwise start a new log line (in GitHub Actions, `::error ...` there is
 * a command), and an escape sequence would reach the terminal.
 */
export function escapeControl(s: string): string {
  return s.replace(UNSAFE, c => {
    switch (c) {
      case '\n': return '\\n'
      case '\r': return '\\r'
      case '\t': return '\\t'
    }
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
