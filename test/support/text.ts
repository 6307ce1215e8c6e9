/** A file's text from its lines, each ended by a line feed. */
export function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}
