/** What a terminal shows after some output: its lines (trailing blanks trimmed) and how often it was cleared. */
export interface Screen {
  readonly lines: readonly string[]
  /** Times the whole screen was erased (`ESC [ 2 J`): each one is a redraw in place. */
  readonly clears: number
  /** Times the cursor was sent home (`ESC [ H`). */
  readonly homes: number
}

/**
 * A tiny terminal model, enough for the CLI's table writer: printable characters overwrite cells at the cursor,
 * `\r` and `\n` move it, `ESC [ row ; col H` places it, `ESC [ J`/`ESC [ 2 J` and `ESC [ K` erase, and other
 * control sequences (colours: `ESC [ … m`) change nothing on the screen. No width limit, no scrolling.
 */
export const renderScreen = (output: string): Screen => {
  let rows: string[][] = []
  let row = 0
  let col = 0
  let clears = 0
  let homes = 0
  const line = (r: number): string[] => {
    while (rows.length <= r) rows.push([])
    return rows[r] ?? []
  }
  const chars = Array.from(output)
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? ''
    if (c === '\u001b' && chars[i + 1] === '[') {
      let j = i + 2
      while (j < chars.length && !/[@-~]/.test(chars[j] ?? '')) j++
      const params = chars.slice(i + 2, j).join('')
      const final = chars[j]
      const [a = '', b = ''] = params.split(';')
      if (final === 'H') {
        row = Math.max(1, Number(a || 1)) - 1
        col = Math.max(1, Number(b || 1)) - 1
        if (row === 0 && col === 0) homes++
      } else if (final === 'J' && a === '2') {
        rows = []
        clears++
      } else if (final === 'J' && (a === '' || a === '0')) {
        rows = rows.slice(0, row + 1)
        line(row).splice(col)
      } else if (final === 'K') {
        line(row).splice(col)
      }
      i = j
    } else if (c === '\r') {
      col = 0
    } else if (c === '\n') {
      row++
    } else if (c === '\b') {
      col = Math.max(0, col - 1)
    } else if (c >= ' ') {
      const cells = line(row)
      while (cells.length < col) cells.push(' ')
      cells[col] = c
      col++
    }
  }
  const lines = rows.map((cells) => cells.join('').trimEnd())
  while (lines.length > 0 && lines.at(-1) === '') lines.pop()
  return { lines, clears, homes }
}
