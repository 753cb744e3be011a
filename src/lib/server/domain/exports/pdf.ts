import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { directionalRuns } from './bidi.ts';
import { exportFont } from './font.ts';
import { cellsOf, type ExportTable } from './table.ts';

// A4 landscape, in points.
const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = 36;
const SIZE = 9;
const LINE = 12;
const PADDING = 4;
const MAX_LINES = 6;
/** Column shares of the printable width: name, handle, role, joined at, message. */
const SHARES = [0.2, 0.2, 0.13, 0.13, 0.34];

// eslint-disable-next-line no-control-regex -- control characters have no glyph
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F]/g;

/** Splits text into lines that fit `width`, breaking words that alone are too long. */
function wrap(text: string, font: PDFFont, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, SIZE) <= width;
  const lines: string[] = [];
  for (const paragraph of text.replace(CONTROL, ' ').split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    if (line) lines.push(line);
  }
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES);
  kept[MAX_LINES - 1] = `${kept[MAX_LINES - 1]!.slice(0, -2)}…`;
  return kept;
}

/**
 * One line at (x, y), its runs placed in visual order: fontkit shapes and reverses a right-to-left
 * run by itself, but a line mixing directions needs its runs laid out one by one.
 */
function drawLine(page: PDFPage, font: PDFFont, text: string, x: number, y: number, size: number): void {
  const { rtl, runs } = directionalRuns(text);
  const widths = runs.map((r) => font.widthOfTextAtSize(r.text, size));
  let cursor = rtl ? x + widths.reduce((a, b) => a + b, 0) : x;
  runs.forEach((run, i) => {
    if (rtl) cursor -= widths[i]!;
    page.drawText(run.text, { x: cursor, y, size, font, color: rgb(0.1, 0.1, 0.1) });
    if (!rtl) cursor += widths[i]!;
  });
}

/** The participant list printed as a table, over as many pages as it takes, headings on each. */
export async function renderPdf(table: ExportTable): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(table.title);
  doc.setLanguage(table.locale);
  doc.setCreator('Convene');
  const font = await doc.embedFont(await exportFont(), { subset: true });
  const rtl = table.locale === 'ar';
  const usable = PAGE.width - 2 * MARGIN;
  const widths = SHARES.map((s) => s * usable);
  // Right-to-left pages read their columns from the right.
  const lefts = widths.map((_, i) => {
    const before = widths.slice(0, i).reduce((a, b) => a + b, 0);
    return rtl ? PAGE.width - MARGIN - before - widths[i]! : MARGIN + before;
  });

  let page: PDFPage;
  let y = 0;
  const drawRow = (cells: string[], header: boolean) => {
    const wrapped = cells.map((c, i) => wrap(c, font, widths[i]! - 2 * PADDING));
    const height = Math.max(1, ...wrapped.map((l) => l.length)) * LINE + 2 * PADDING;
    if (y - height < MARGIN) {
      newPage();
    }
    if (header) {
      page.drawRectangle({ x: MARGIN, y: y - height, width: usable, height, color: rgb(0.88, 0.92, 0.91) });
    }
    wrapped.forEach((lines, i) => {
      lines.forEach((line, n) => {
        const width = font.widthOfTextAtSize(line, SIZE);
        const x = rtl ? lefts[i]! + widths[i]! - PADDING - width : lefts[i]! + PADDING;
        drawLine(page, font, line, x, y - PADDING - (n + 1) * LINE + 3, SIZE);
      });
    });
    y -= height;
    page.drawLine({
      start: { x: MARGIN, y },
      end: { x: PAGE.width - MARGIN, y },
      thickness: 0.5,
      color: rgb(0.7, 0.7, 0.7)
    });
  };
  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - MARGIN;
    drawRow(table.headings, true);
  };

  page = doc.addPage([PAGE.width, PAGE.height]);
  y = PAGE.height - MARGIN;
  const titleSize = 14;
  const title = wrap(table.title, font, (usable * SIZE) / titleSize)[0] ?? '';
  const titleWidth = font.widthOfTextAtSize(title, titleSize);
  drawLine(page, font, title, rtl ? PAGE.width - MARGIN - titleWidth : MARGIN, y - titleSize, titleSize);
  y -= titleSize + 12;
  drawRow(table.headings, true);
  if (table.rows.length === 0) drawRow([table.empty, '', '', '', ''], false);
  for (const row of table.rows) drawRow(cellsOf(row), false);
  return doc.save();
}
