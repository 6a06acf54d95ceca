/** The text with its first letter in upper case: a field's name ("weight row 1") opening a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
