import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RestorePreviewView } from '../../../src-shared/ipc/contract-backup';
import { RestorePreviewDetails } from './RestorePreviewDetails';

const none = { count: 0, notes: [] };
const preview: RestorePreviewView = {
  fileName: 'NoteVault-2026.nvbak',
  createdAt: '2026-01-01T00:00:00.000Z',
  noteCount: 3,
  alsoInside: { tags: 0, attachments: 0, attachmentBytes: 0, versions: 0 },
  appVersion: '1.0.0',
  schemaVersion: 2,
  kind: 'manual',
  comeBack: none,
  disappear: none,
  change: none,
  unchanged: 3,
  cheaperKeyThanDefault: false,
  safetyKeyIsKept: false,
  restoreToken: 'r',
};

const text = (view: RestorePreviewView): string =>
  renderToStaticMarkup(<RestorePreviewDetails preview={view} />)
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

describe('RestorePreviewDetails', () => {
  it('warns about a backup whose passkey is protected with less work than NoteVault uses, and only then', () => {
    expect(text({ ...preview, cheaperKeyThanDefault: true })).toMatch(/less work than NoteVault uses/);
    expect(text(preview)).not.toMatch(/less work/);
  });

  it('says what the backup holds besides its notes, and nothing when it holds only notes', () => {
    const alsoInside = { tags: 3, attachments: 1, attachmentBytes: 2048, versions: 0 };
    expect(text({ ...preview, alsoInside })).toMatch(/Also inside ?3 tags and 1 attachment \(2(\.0)? KB\)/);
    expect(text(preview)).not.toMatch(/Also inside/);
  });
});
