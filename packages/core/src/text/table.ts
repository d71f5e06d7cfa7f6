import { escapeControl } from './escape.js'

// --- internal ---

/** Rows as aligned columns (two spaces apart; the last column is not padded), one line each; cells are escaped. */
export function formatTable(cells: readonly (readonly string[])[]): string {
  const rows = cells.map(row => row.map(escapeControl))
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map(row => row[i]!.length)))
  return `${rows.map(row => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n')}\n`
}
