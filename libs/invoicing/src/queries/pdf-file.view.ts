/** A rendered document and the name it downloads under (`INV-000042.pdf`). */
export interface PdfFile {
  filename: string;
  content: Buffer;
}
