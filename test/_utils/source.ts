/**
 * Template tag for inline YAML in tests: strips the common indentation and
 * the first and last line breaks, so fixtures read like the files they model.
 */
export function source(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings.raw.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '')
  text = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n')
  const indents = text.split('\n').filter(l => l.trim()).map(l => /^ */.exec(l)![0].length)
  const min = Math.min(...indents)
  return text.split('\n').map(l => l.slice(min)).join('\n')
}
