/**
 * CSV for spreadsheets. German Excel reads `;`-separated files with decimal
 * commas; English uses `,`. A UTF-8 byte-order mark makes Excel read
 * umlauts right.
 */
export function csvSeparator(lang: 'de' | 'en'): string {
  return lang === 'de' ? ';' : ',';
}

/**
 * @example toCsv([['Kunde', 'Notiz'], ['Müller', 'a;b']], ';') // 'Kunde;Notiz\r\nMüller;"a;b"\r\n'
 */
export function toCsv(rows: readonly (readonly (string | number)[])[], separator: string): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[";\r\n,]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${rows.map((row) => row.map(cell).join(separator)).join('\r\n')}\r\n`;
}

/** Offers `text` as a file download. */
export function download(filename: string, text: string): void {
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
