import { cellsOf, type ExportTable } from './table.ts';

/** Cells a spreadsheet would read as a formula (or a command) unless quoted: neutralized. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180: CRLF line ends, quotes doubled; a BOM so that spreadsheets read UTF-8. */
export function renderCsv(table: ExportTable): Uint8Array {
  const lines = [table.headings, ...table.rows.map(cellsOf)].map((cells) => cells.map(cell).join(','));
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
