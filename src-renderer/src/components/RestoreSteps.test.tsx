import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RestoreDone } from '../../../src-shared/ipc/contract-backup';
import { RestoreDoneStep } from './RestoreSteps';

const done: RestoreDone = {
  restoredNotes: 2,
  restoredAlso: { tags: 0, attachments: 0, attachmentBytes: 0, versions: 0 },
  keptInHistory: 0,
  safetyBackup: null,
  safetyFolder: '/backups',
};

const text = (view: RestoreDone): string =>
  renderToStaticMarkup(<RestoreDoneStep done={view} onClose={() => undefined} />)
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

describe('RestoreDoneStep', () => {
  it('says what came back besides the notes, and nothing more when only notes did', () => {
    const restoredAlso = { tags: 1, attachments: 2, attachmentBytes: 3 * 1024 * 1024, versions: 4 };
    expect(text({ ...done, restoredAlso })).toMatch(
      /Restored 2 notes\. Also restored: 1 tag, 2 attachments \(3\.0 MB\), and 4 kept versions\./,
    );
    expect(text(done)).toMatch(/Restored 2 notes\. There were no notes before/);
  });

  it('says where the text it replaced went, only when it replaced some', () => {
    const replaced = { ...done, keptInHistory: 2, safetyBackup: 'before.nvbak' };
    expect(text(replaced)).toMatch(
      /in \/backups\. The text the restore replaced in 2 notes is kept in their history\./,
    );
    expect(text({ ...replaced, keptInHistory: 0 })).not.toMatch(/history/);
  });
});
