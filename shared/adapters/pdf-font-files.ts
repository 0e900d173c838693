/**
 * Where the PDF exports' font is: Be Vietnam Pro (SIL Open Font License 1.1), a face drawn for
 * Vietnamese, regular and bold, from the npm package @expo-google-fonts/be-vietnam-pro. Run from
 * the source (tsx, tests) the files are read in node_modules; the Lambda bundle has no
 * node_modules, so infra/constructs/lambda-bundling.ts (`pdfFontFiles`) replaces this module with
 * one that imports the same files, which esbuild copies beside the chunks, with the licence.
 * Nothing here reads a file: the PDF writer does, when a PDF is asked for.
 */
import { createRequire } from 'node:module';

export const PDF_FONT_PACKAGE_FILES = {
  regular: '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf',
  bold: '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf',
  licence: '@expo-google-fonts/be-vietnam-pro/LICENSE_FONT',
} as const;

export type PdfFontFile = keyof typeof PDF_FONT_PACKAGE_FILES;

/** The absolute path of a font file (or of its licence). */
export function pdfFontFile(file: PdfFontFile): string {
  return createRequire(import.meta.url).resolve(PDF_FONT_PACKAGE_FILES[file]);
}
