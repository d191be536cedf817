import { describe, expect, it } from 'vitest';
import { pastedFiles } from './attachment-drop-paste';

/** What a paste's clipboardData offers: its files, and its plain text (empty when none). */
function clipboard(files: File[], text = ''): DataTransfer {
  return { files, getData: (type: string) => (type === 'text/plain' ? text : '') } as unknown as DataTransfer;
}

describe('pastedFiles', () => {
  it('attaches the files of a paste that carries no plain text (a copied image, files from a file manager)', () => {
    const image = new File([new Uint8Array([1])], 'shot.png', { type: 'image/png' });
    const pdf = new File(['%PDF'], 'r.pdf', { type: 'application/pdf' });
    expect(pastedFiles(clipboard([image, pdf]))).toEqual([image, pdf]);
  });

  it('leaves a paste with plain text to be text, files or not (a spreadsheet sends a picture of its cells)', () => {
    const picture = new File([new Uint8Array([1])], 'cells.png', { type: 'image/png' });
    expect(pastedFiles(clipboard([picture], 'A1\tB1'))).toEqual([]);
    expect(pastedFiles(clipboard([], 'just text'))).toEqual([]);
    expect(pastedFiles(null)).toEqual([]);
  });
});
