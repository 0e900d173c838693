/**
 * Vietnamese text without its marks, `Đặng Thị Hằng` → `Dang Thi Hang`: for an ASCII file name or a
 * slug. The letters are named in strings, not in a regular expression: esbuild escapes non-ASCII
 * characters in strings but leaves those of a regular-expression literal as they are, and one such
 * character makes V8 hold the whole chunk as a two-byte string, slower to read at every cold start
 * (test/infra/lambda-bundling.test.ts keeps the bundles ASCII).
 */
export const withoutDiacritics = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replaceAll('đ', 'd').replaceAll('Đ', 'D');
