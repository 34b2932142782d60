/** Quotes a string as one bash word (single quotes), so nothing in it is ever interpreted. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
