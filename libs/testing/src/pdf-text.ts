/**
 * Reads a rendered PDF back, for the tests, with PDF.js (pdfjs-dist, a devDependency): the text as a
 * reader who copies it gets it, through the fonts' ToUnicode maps.
 */

/**
 * A piece of text as PDF.js finds it: one run of one font on one line, its baseline starting at (x, y)
 * from the page's bottom left.
 */
export interface PdfTextItem {
  text: string;
  page: number;
  x: number;
  y: number;
  width: number;
}

export interface PdfContent {
  /** Every page's text: the items of a line joined, each line ended by "\n". */
  text: string;
  items: PdfTextItem[];
  pages: number;
}

export async function readPdf(pdf: Buffer): Promise<PdfContent> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  let text = '';
  const items: PdfTextItem[] = [];
  for (let page = 1; page <= document.numPages; page += 1) {
    // Unnormalized: the characters as the PDF maps them (NFKC would turn the no-break space into a space).
    const content = await (await document.getPage(page)).getTextContent({ disableNormalization: true });
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : '');
      if (item.str.trim())
        items.push({ text: item.str, page, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width });
    }
    text += '\n';
  }
  const pages = document.numPages;
  await document.destroy();
  return { text, items, pages };
}
