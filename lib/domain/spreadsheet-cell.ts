/**
 * Cells of the .tsv/.csv files the workbench writes, safe to open in a spreadsheet (OWASP's CSV
 * injection rule): a cell that starts with =, +, -, @, a tab or a carriage return would be read as
 * a formula, so it gets a leading apostrophe, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetCell(value: string): string {
  if (/[\t\n\r]/.test(value.slice(1)) || value.includes("\n")) {
    // keys with control characters are refused at import; anything else reaching here is a bug
    throw new Error(`A tab-separated cell cannot hold a tab or a line break: ${JSON.stringify(value)}`);
  }
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One line of a tab-separated file, every cell neutralised. */
export function tsvLine(cells: (string | number)[]): string {
  return `${cells.map((c) => spreadsheetCell(String(c))).join("\t")}\n`;
}
