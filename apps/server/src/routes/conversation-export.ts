import { PassThrough, Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ConversationExport, ExportCell, ExportColumn } from '@serviq/services';
import ExcelJS from 'exceljs';

/** An export as an HTTP body: its type, its file name and the bytes, streamed page by page. */
export type ExportBody = { contentType: string; fileName: string; stream: Readable };

// Excel reads a UTF-8 CSV as UTF-8 (Chinese intact) only with a byte-order mark.
const BOM = '\uFEFF';
// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: ExportCell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: readonly ExportCell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** RFC 4180: CRLF line ends, quoted fields where needed, a header row. */
async function* csvChunks(exported: ConversationExport): AsyncGenerator<Buffer> {
  yield Buffer.from(BOM + csvLine(exported.columns.map((c) => c.key)));
  for await (const page of exported.pages) yield Buffer.from(page.map(csvLine).join(''));
}

/** A wall-clock `YYYY-MM-DD HH:mm:ss` as the Date that Excel shows as that time (Excel has no zones). */
const excelTime = (value: string) => new Date(`${value.replace(' ', 'T')}Z`);

const excelCell = (value: ExportCell, column: ExportColumn) =>
  column.kind === 'time' && typeof value === 'string' ? excelTime(value) : value;

// Above this many bytes waiting for a slow client, the next page is read only once it drained.
const HIGH_WATER = 1 << 20;

/** The XLSX writer streams: rows are committed as they come, the zip is written as it grows. */
function xlsxStream(exported: ConversationExport): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('conversations', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = exported.columns.map((c) => ({
    header: c.key,
    key: c.key,
    width: c.kind === 'time' ? 20 : c.kind === 'text' ? 24 : 12,
    ...(c.kind === 'time' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
  }));
  const write = async () => {
    for await (const page of exported.pages) {
      if (out.destroyed) return;
      for (const row of page)
        sheet.addRow(row.map((value, i) => excelCell(value, exported.columns[i] as ExportColumn))).commit();
      // PGlite answers within the same turn of the event loop: without a turn between pages the
      // compressed bytes would wait for the whole workbook before reaching the socket.
      await nextTurn();
      if (out.writableLength > HIGH_WATER)
        await new Promise((resolve) => {
          out.once('drain', resolve);
          out.once('close', resolve);
        });
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}

export function exportBody(exported: ConversationExport): ExportBody {
  if (exported.format === 'xlsx')
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: exported.fileName,
      stream: xlsxStream(exported),
    };
  return {
    contentType: 'text/csv; charset=utf-8',
    fileName: exported.fileName,
    stream: Readable.from(csvChunks(exported), { objectMode: false }),
  };
}
