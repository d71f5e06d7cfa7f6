// A small SVG chart, generated: seconds against documents, log-log, one line
// per tool.

const W = 640
const H = 400
const M = { left: 70, right: 150, top: 30, bottom: 50 }
const SERIES = [
  { key: 'cmhash', label: 'cmhash', color: '#1b7f3b' },
  { key: 'floor', label: 'yaml parse + stringify', color: '#6b6b6b' },
  { key: 'kustomize', label: 'kubectl kustomize', color: '#c0392b' },
]

export function chart(rows) {
  const points = SERIES.map(s => ({ ...s, pts: rows.filter(r => r[s.key]).map(r => [r.documents, r[s.key].seconds]) }))
  const xs = rows.map(r => r.documents)
  const ys = points.flatMap(p => p.pts.map(q => q[1]))
  const x0 = Math.floor(Math.log10(Math.min(...xs)))
  const x1 = Math.ceil(Math.log10(Math.max(...xs)))
  const y0 = Math.floor(Math.log10(Math.min(...ys)))
  const y1 = Math.ceil(Math.log10(Math.max(...ys)))
  const px = x => M.left + ((Math.log10(x) - x0) / (x1 - x0)) * (W - M.left - M.right)
  const py = y => H - M.bottom - ((Math.log10(y) - y0) / (y1 - y0)) * (H - M.top - M.bottom)
  const out = []
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`)
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`)
  for (let e = x0; e <= x1; e++) {
    const x = px(10 ** e)
    out.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${H - M.bottom}" stroke="#ddd"/>`)
    out.push(`<text x="${x}" y="${H - M.bottom + 18}" text-anchor="middle">${(10 ** e).toLocaleString('en')}</text>`)
  }
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e)
    out.push(`<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}" stroke="#ddd"/>`)
    out.push(`<text x="${M.left - 8}" y="${y + 4}" text-anchor="end">${10 ** e >= 1 ? 10 ** e : (10 ** e).toFixed(-e)} s</text>`)
  }
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">documents</text>`)
  out.push(`<text x="${M.left}" y="${M.top - 12}">seconds, end to end (log-log)</text>`)
  points.forEach((p, i) => {
    if (p.pts.length === 0) return
    out.push(`<polyline fill="none" stroke="${p.color}" stroke-width="2" points="${p.pts.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ')}"/>`)
    for (const [x, y] of p.pts) out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${p.color}"><title>${p.label}: ${x} documents, ${y.toFixed(2)} s</title></circle>`)
    const ly = M.top + 10 + i * 20
    out.push(`<line x1="${W - M.right + 12}" y1="${ly}" x2="${W - M.right + 32}" y2="${ly}" stroke="${p.color}" stroke-width="2"/>`)
    out.push(`<text x="${W - M.right + 38}" y="${ly + 4}">${p.label}</text>`)
  })
  out.push('</svg>')
  return `${out.join('\n')}\n`
}
