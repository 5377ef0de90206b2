/**
 * The fonts of the PDFs, and which of them draws each character.
 *
 * Noto Sans draws Latin (with Latin Extended), Greek and Cyrillic; what it lacks falls back, character by
 * character, to Noto Sans CJK SC (every CJK Unified Ideograph, kana) and then Noto Sans CJK KR (Hangul).
 * Japanese kanji are drawn with SC's Chinese letterforms: a Japanese face would add another 25 MB.
 *
 * The packages, as `npm pack` gives them (tarball / installed), all OFL-1.1, published by EmbedPDF:
 *   @embedpdf/fonts-latin 1.0.0    5.6 MB / 11.5 MB   Noto Sans, TrueType, 9 weights × 2 styles
 *   @embedpdf/fonts-sc    1.0.0   36.5 MB / 42.0 MB   Noto Sans CJK SC (Hans), OpenType/CFF, 5 weights
 *   @embedpdf/fonts-kr    1.0.0   25.5 MB / 32.1 MB   Noto Sans CJK KR, OpenType/CFF, 7 weights
 * 67.6 MB packed, 85.6 MB installed: the smallest install found that covers Japanese, Chinese and Korean
 * and that PDFKit (fontkit) embeds correctly. Weighed and left out:
 *   - @expo-google-fonts/noto-sans-sc + -kr (TrueType, 9 weights each): 84.6 MB packed, 152.6 MB installed;
 *     their subsets are smaller (a few KB per face instead of 25–45 KB) and render 4–5 times faster.
 *   - @fontsource/noto-sans-sc + -kr (woff2 and woff slices of 9 weights): 123 MB packed; and fontkit
 *     throws subsetting a WOFF2 glyph made of components ("Ł" in @fontsource/noto-sans's latin-ext).
 *   - @fontsource-variable/noto-sans-sc + -kr: 8.3 MB packed, but variable fonts: PDFKit embeds the
 *     default instance, which is Thin, and fontkit cannot pick another instance of a WOFF2 font.
 * The CFF faces cost their size in the PDF: a subset keeps the face's subroutines, so each CJK face a
 * document uses adds 25–45 KB to it and some 0.1–0.3 s to its rendering. Latin-only documents embed Noto
 * Sans alone (a few KB).
 */
import { dirname, join } from 'node:path';
import { Font, openSync } from 'fontkit';

export type Weight = 'regular' | 'bold';

interface Face {
  /** The name it is registered under in each document. */
  name: string;
  path: string;
}

/**
 * A font file of an @embedpdf/fonts-* package. The packages export only their index (dist/index.cjs);
 * the files sit in fonts/ beside dist/ (the path their README gives the CDN).
 */
function embedPdfFont(packageName: string, file: string): Face {
  return { name: file.replace(/\.[a-z]+$/, ''), path: join(dirname(require.resolve(packageName)), '..', 'fonts', file) };
}

/** Each weight's faces, in the order they are tried for a character. */
const FACES: Readonly<Record<Weight, readonly Face[]>> = {
  regular: [
    embedPdfFont('@embedpdf/fonts-latin', 'NotoSans-Regular.ttf'),
    embedPdfFont('@embedpdf/fonts-sc', 'NotoSansHans-Regular.otf'),
    embedPdfFont('@embedpdf/fonts-kr', 'NotoSansKR-Regular.otf'),
  ],
  bold: [
    embedPdfFont('@embedpdf/fonts-latin', 'NotoSans-Bold.ttf'),
    embedPdfFont('@embedpdf/fonts-sc', 'NotoSansHans-Bold.otf'),
    embedPdfFont('@embedpdf/fonts-kr', 'NotoSansKR-Bold.otf'),
  ],
};

/** Drawn for a character that no face has: Noto Sans's "�", which text extraction gives back as U+FFFD. */
const REPLACEMENT_CHARACTER = '\ufffd';

/** Variation selectors, joiners and the like: dropped when no face has them rather than shown as "�". */
const DEFAULT_IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;

/**
 * Each face's glyph table, opened the first time a character is looked up in it (the CJK faces only when
 * a text needs them) and kept for the life of the process: some 26 MB once all four CJK faces are open.
 */
const opened = new Map<string, Font>();

function glyphsOf(face: Face): Font {
  let font = opened.get(face.path);
  if (!font) {
    const file = openSync(face.path);
    if (!('hasGlyphForCodePoint' in file)) throw new Error(`${face.path} is a font collection, not a font.`);
    font = file;
    opened.set(face.path, font);
  }
  return font;
}

/** Makes every face known to the document by name; PDFKit reads and embeds only those a text uses. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const face of [...FACES.regular, ...FACES.bold]) doc.registerFont(face.name, face.path);
}

/**
 * Where the baseline of every face sits below the top of a line of `size` points: Noto Sans's ascent.
 * PDFKit places each text at its own face's ascent, and the CJK faces' is lower, so a run of them would
 * sit higher than the Latin text beside it without one common baseline.
 */
export function baselineOffset(size: number): number {
  const primary = glyphsOf(FACES.regular[0]);
  return (primary.ascent / primary.unitsPerEm) * size;
}

/** A stretch of text that one face draws. */
export interface TextRun {
  font: string;
  text: string;
}

/**
 * `text` split into runs of the first face of `weight` that has each character. A line feed stays in the
 * run it ends; a character no face has becomes U+FFFD in the first face, or nothing when it is default
 * ignorable (U+FE0F after an emoji).
 */
export function fontRuns(text: string, weight: Weight): TextRun[] {
  const faces = FACES[weight];
  const runs: TextRun[] = [];
  for (const char of text) {
    const previous = runs.at(-1);
    let font: string;
    let drawn = char;
    if (char === '\n') {
      font = previous?.font ?? faces[0].name;
    } else {
      const code = char.codePointAt(0) ?? 0;
      const face = faces.find((candidate) => glyphsOf(candidate).hasGlyphForCodePoint(code));
      if (!face && DEFAULT_IGNORABLE.test(char)) continue;
      font = face?.name ?? faces[0].name;
      drawn = face ? char : REPLACEMENT_CHARACTER;
    }
    if (previous?.font === font) previous.text += drawn;
    else runs.push({ font, text: drawn });
  }
  return runs;
}
