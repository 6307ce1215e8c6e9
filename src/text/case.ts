/** The text with its first letter in upper case: a sentence that starts with a name. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
