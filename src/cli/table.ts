import Table from 'cli-table3';

/** A table for people. Cells are strings; empty values show as a dash. */
export function renderTable(head: string[], rows: Array<Array<string | number | null | undefined>>, options: { color?: boolean } = {}): string {
  const table = new Table({
    head,
    style: { head: options.color ? ['cyan'] : [], border: options.color ? ['grey'] : [], compact: false },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) table.push(row.map((cell) => (cell === null || cell === undefined || cell === '' ? '-' : String(cell))));
  return table.toString();
}
