/**
 * CSV as spreadsheets read it (RFC 4180), safe to open: a cell that would start a formula is kept as text. It starts
 * with a byte-order mark, without which Excel reads the file in the local code page and garbles names like "Ünïcødé".
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

function csvCell(value: string): string {
  // A leading =, +, - or @ makes Excel and friends run the cell as a formula (CSV injection).
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
