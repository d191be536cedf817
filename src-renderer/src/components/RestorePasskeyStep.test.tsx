import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChosenRestoreFile } from '../../../src-shared/ipc/contract-backup';
import type { WayInState } from '../hooks/useWayIn';
import { RestorePasskeyStep } from './RestorePasskeyStep';

const file: ChosenRestoreFile = {
  token: 't',
  fileName: 'NoteVault-2026.nvbak',
  folder: '/backups',
  size: 4096,
  openingCost: null,
};

const wayIn = (kind: WayInState['kind'], recoveryCode = ''): WayInState => ({
  kind,
  setKind: () => undefined,
  passkey: 'x',
  setPasskey: () => undefined,
  recoveryCode,
  setRecoveryCode: () => undefined,
  reason: kind === 'passkey' ? null : 'Type the recovery code to go on.',
  args: () => ({ passkey: 'x' }),
  reset: () => undefined,
});

const render = (chosen: ChosenRestoreFile, previewing: boolean, way = wayIn('passkey')): string =>
  renderToStaticMarkup(
    <RestorePasskeyStep
      file={chosen}
      wayIn={way}
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

  it('offers the recovery code instead of the passkey, and checks the code as typed', () => {
    expect(text(render(file, false))).toContain('Use a recovery code instead');
    // Group 2 mistyped (R -> S in the shared parser's known answer HWX54-R0EJJ-...).
    const html = render(file, false, wayIn('recovery-code', 'HWX54-S0EJJ'));
    expect(text(html)).toContain('Use the passkey instead');
    expect(text(html)).toContain('Group 2 of the recovery code has a mistyped character');
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('type="password"');
  });
});
