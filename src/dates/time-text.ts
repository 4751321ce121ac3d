/** A JSON date (ISO 8601 with an offset) for a table: `YYYY-MM-DD HH:MM:SS` in that offset, '-' for none. */
export function timeText(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '-';
  return iso.length >= 19 && iso[10] === 'T' ? iso.slice(0, 19).replace('T', ' ') : iso;
}
