import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { BackupListEntry } from '../../../src-shared/ipc/contract-schedule';
import { BackupRow } from './BackupRow';

const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;

const backup = (extra: Partial<BackupListEntry>): BackupListEntry => ({
  name: 'NoteVault-2026-12-04T12-00-00Z-scheduled.nvbak',
  createdAt: NOW - 2 * DAY,
  sizeBytes: 4096,
  kind: 'scheduled',
  verification: 'verified',
  noteCount: 3104,
  problem: null,
  ...extra,
});

const render = (entry: BackupListEntry, showCopies = false): string =>
  renderToStaticMarkup(
    <table>
      <tbody>
        <BackupRow
          backup={entry}
          busy={false}
          canRestore
          showCopies={showCopies}
          now={NOW}
          onAction={() => undefined}
        />
      </tbody>
    </table>,
  );
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a backup row’s restore test and copies', () => {
  it('says when the last restore test passed and how many notes it restored', () => {
    const html = render(
      backup({ lastDrill: { at: NOW - 2 * DAY, ok: true, noteCount: 3104, message: null } }),
    );
    expect(text(html)).toContain(`Last verified restore: ${(3104).toLocaleString()} notes, 2 days ago`);
    expect(html).not.toContain('<details');
  });

  it('says a failed restore test in one sentence, its technical side behind Details', () => {
    const html = render(
      backup({
        lastDrill: {
          at: NOW,
          ok: false,
          noteCount: null,
          message: 'The backup b.nvbak is shorter than when it was made; make a new backup now.',
          details: 'expected 4096 bytes, found 1024',
        },
      }),
    );
    expect(text(html)).toContain('Restore test failed: The backup b.nvbak is shorter than when it was made');
    expect(html).toMatch(
      /<details class="error-details"><summary>Details<\/summary>.*expected 4096 bytes, found 1024/,
    );
  });

  it('says "Not tested yet" for a backup never drilled, and nothing where no catalogue answered', () => {
    expect(text(render(backup({ lastDrill: null })))).toContain('Not tested yet');
    expect(text(render(backup({})))).not.toContain('tested');
  });

  it('gives each copy in another destination its state, naming the destination', () => {
    const html = text(
      render(
        backup({
          copies: [
            { destinationId: 'd0123abcd', folder: '/media/usb', state: 'verified', at: NOW - 3 * 3_600_000 },
            {
              destinationId: 'd99999999',
              folder: 'D:\\Backups',
              state: 'missing',
              at: NOW,
              message: 'The drive is not connected.',
            },
          ],
        }),
        true,
      ),
    );
    expect(html).toContain('/media/usb : Copied and checked 3 hours ago');
    expect(html).toContain('D:\\Backups : The drive is not connected.');
  });
});
