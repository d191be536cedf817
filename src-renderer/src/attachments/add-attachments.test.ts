import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../../src-shared/attachments';
import { NoteVaultError } from '../../../src-shared/errors';
import { addAttachments, refusalError } from './add-attachments';

const A = 'a'.repeat(64);

describe('addAttachments', () => {
  it('sends each file with its claimed name and type and joins the Markdown main returns', async () => {
    const sent: { fileName: string; mediaType: string; size: number }[] = [];
    const api = {
      add: ({ data, fileName, mediaType }: { data: Uint8Array; fileName: string; mediaType: string }) => {
        sent.push({ fileName, mediaType, size: data.byteLength });
        return Promise.resolve({
          sha256: A,
          fileName,
          mediaType,
          size: data.byteLength,
          isImage: true,
          markdown: `![${fileName}](attachment:${A})`,
        });
      },
    };
    const result = await addAttachments(api, [
      new File([new Uint8Array([1, 2])], 'one.png', { type: 'image/png' }),
      new File([new Uint8Array([3])], '', { type: '' }),
    ]);
    expect(sent).toEqual([
      { fileName: 'one.png', mediaType: 'image/png', size: 2 },
      { fileName: 'attachment', mediaType: '', size: 1 },
    ]);
    expect(result).toEqual({
      markdown: `![one.png](attachment:${A})\n![attachment](attachment:${A})`,
      refused: [],
    });
  });

  it('refuses a file over the cap with the cap’s sentence, without reading or sending it', async () => {
    let calls = 0;
    const api = {
      add: () => {
        calls++;
        return Promise.reject(new Error('not expected'));
      },
    };
    const big = new File([new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 1)], 'photo.jpg');
    const result = await addAttachments(api, [big]);
    expect(calls).toBe(0);
    expect(result).toEqual({
      markdown: '',
      refused: ['“photo.jpg” was not attached: it is 10.0 MB, and an attachment can be at most 10.0 MB.'],
    });
  });

  it('keeps going past a file main refuses, reporting main’s sentence', async () => {
    const api = {
      add: ({ fileName }: { fileName: string }) =>
        fileName === 'bad.txt'
          ? Promise.reject(new NoteVaultError('VALIDATION', '“bad.txt” was not attached: it is empty.'))
          : Promise.resolve({
              sha256: A,
              fileName,
              mediaType: '',
              size: 1,
              isImage: false,
              markdown: `[${fileName}](attachment:${A})`,
            }),
    };
    const result = await addAttachments(api, [new File([], 'bad.txt'), new File(['x'], 'good.txt')]);
    expect(result).toEqual({
      markdown: `[good.txt](attachment:${A})`,
      refused: ['“bad.txt” was not attached: it is empty.'],
    });
    expect(refusalError(result.refused)?.message).toBe('“bad.txt” was not attached: it is empty.');
    expect(refusalError([])).toBeNull();
  });
});
