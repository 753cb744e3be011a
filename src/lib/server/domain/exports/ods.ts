import { strToU8, zipSync } from 'fflate';
import { cellsOf, type ExportTable } from './table.ts';
import { xmlText } from './xml.ts';

const MIME = 'application/vnd.oasis.opendocument.spreadsheet';

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
].join(' ');

const textCell = (value: string, style?: string) =>
  `<table:table-cell${style ? ` table:style-name="${style}"` : ''} office:value-type="string"><text:p>${xmlText(value)}</text:p></table:table-cell>`;

/** `joinedAtText` is "YYYY-MM-DD HH:mm" in the event's zone: a date cell with that local time. */
const dateCell = (text: string) =>
  `<table:table-cell office:value-type="date" office:date-value="${xmlText(text.replace(' ', 'T'))}:00"><text:p>${xmlText(text)}</text:p></table:table-cell>`;

function contentXml(table: ExportTable): string {
  const rtl = table.locale === 'ar';
  const header = `<table:table-row>${table.headings.map((h) => textCell(h, 'head')).join('')}</table:table-row>`;
  const rows = table.rows.map((row) => {
    const [name, handle, role, , message] = cellsOf(row);
    return `<table:table-row>${textCell(name ?? '')}${textCell(handle ?? '')}${textCell(role ?? '')}${dateCell(row.joinedAtText)}${textCell(message ?? '')}</table:table-row>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3">
<office:automatic-styles>
<style:style style:name="sheet" style:family="table"><style:table-properties table:display="true" style:writing-mode="${rtl ? 'rl-tb' : 'lr-tb'}"/></style:style>
<style:style style:name="col" style:family="table-column"><style:table-column-properties style:column-width="5cm"/></style:style>
<style:style style:name="head" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="${xmlText(table.title.slice(0, 31))}" table:style-name="sheet">
<table:table-column table:style-name="col" table:number-columns-repeated="5"/>
${header}
${rows.join('\n')}
</table:table>
</office:spreadsheet></office:body>
</office:document-content>`;
}

const manifestXml = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="${MIME}" manifest:version="1.3"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

/**
 * An OpenDocument spreadsheet: a zip whose first entry is `mimetype`, stored uncompressed, so that
 * tools recognize the file by its first bytes; then the manifest and the sheet.
 */
export function renderOds(table: ExportTable): Uint8Array {
  return zipSync({
    mimetype: [strToU8(MIME), { level: 0 }],
    'META-INF/manifest.xml': [strToU8(manifestXml), { level: 6 }],
    'content.xml': [strToU8(contentXml(table)), { level: 6 }]
  });
}
