import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChosenRestoreFile } from '../../../src-shared/ipc/contract-backup';
import { RestorePasskeyStep } from './RestorePasskeyStep';

const file: ChosenRestoreFile = {
  token: 't',
  fileName: 'NoteVault-2026.nvbak',
  folder: '/backups',
  size: 4096,
  openingCost: null,
};

const render = (chosen: ChosenRestoreFile, previewing: boolean): string =>
  renderToStaticMarkup(
    <RestorePasskeyStep
      file={chosen}
      passkey="x"
      onPasskeyChange={() => undefined}
      previewing={previewing}
      cancelling={false}
      progress={null}
      onPreview={() => undefined}
      onCancel={() => undefined}
      onChooseAnother={() => undefined}
    />,
  );

const text = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('RestorePasskeyStep', () => {
  it('says what a costly backup takes to open before the preview starts, and beside Cancel while it runs', () => {
    const costly = { ...file, openingCost: { seconds: 19, memoryMiB: 1024 } };
    const before = text(render(costly, false));
    expect(before).toContain('Opening this backup takes about 19 s and 1024 MiB of memory');
    expect(before).toContain('Show what is inside');
    const during = text(render(costly, true));
    expect(during).toContain('Opening this backup takes about 19 s and 1024 MiB of memory');
    expect(during).toContain('Cancel');
  });

  it('says nothing about the cost of a usual backup', () => {
    expect(text(render(file, false))).not.toContain('Opening this backup');
  });
});
