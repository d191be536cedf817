import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DestinationStatusView } from '../../../src-shared/ipc/contract-destinations';
import { defaultSettings } from '../../../src-shared/settings';
import type { Settings } from '../../../src-shared/settings';
import { apiOver } from '../api';
import { ApiProvider } from '../api-context';
import { DestinationState } from './DestinationState';
import { DestinationsSettings } from './DestinationsSettings';

const NOW = Date.UTC(2026, 11, 6, 12);
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const retention = { keepLast: 5, thinDailyWeekly: false };

const status = (extra: Partial<DestinationStatusView>): DestinationStatusView => ({
  id: 'd0123abcd',
  folder: '/media/usb/NoteVault',
  reachable: true,
  problem: null,
  cloudSync: null,
  lastVerifiedCopyAt: NOW - 2 * 3_600_000,
  lastVerifiedCopy: 'b.nvbak',
  pendingCount: 0,
  lastCopyProblem: null,
  usageBytes: 1.5 * 1024 ** 3,
  capBytes: 5 * 1024 ** 3,
  ...extra,
});

const settingsView = (settings: Settings, known: DestinationStatusView[] | null): string =>
  renderToStaticMarkup(
    <ApiProvider api={apiOver(undefined)}>
      <DestinationsSettings settings={settings} status={known} onError={() => undefined} />
    </ApiProvider>,
  );

describe('DestinationsSettings', () => {
  it('lists each extra place with main’s folder text, its own retention and a named Remove', () => {
    const settings: Settings = {
      ...defaultSettings('linux'),
      backupFolder: '/home/a/Backups',
      extraDestinations: [{ id: 'd0123abcd', folder: '/media/usb/NoteVault', retention }],
    };
    const html = settingsView(settings, [status({ folder: 'USB drive: /media/usb/NoteVault' })]);
    expect(html).toContain('<legend class="destination-folder">USB drive: /media/usb/NoteVault</legend>');
    expect(html).toContain('aria-label="Remove USB drive: /media/usb/NoteVault"');
    expect(html).toContain('value="5"');
    expect(text(html)).toContain('Backups here take 1.5 GB of 5.0 GB.');
  });

  it('says beside "Add" why it cannot be pressed: no backup folder yet, or three places already', () => {
    const none = settingsView(defaultSettings('linux'), null);
    expect(none).toMatch(/<button[^>]*disabled=""[^>]*>Add a place for backups…/);
    expect(text(none)).toContain('Choose a backup folder first.');
    const full: Settings = {
      ...defaultSettings('linux'),
      backupFolder: '/b',
      extraDestinations: [
        { id: 'd00000001', folder: '/c', retention },
        { id: 'd00000002', folder: '/d', retention },
      ],
    };
    expect(text(settingsView(full, null))).toContain('NoteVault keeps backups in at most 3 places');
    const room: Settings = { ...full, extraDestinations: full.extraDestinations?.slice(1) };
    expect(settingsView(room, null)).not.toMatch(/disabled=""[^>]*>Add a place/);
  });
});

describe('DestinationState', () => {
  it('names the cloud-sync client and says an unreachable folder’s problem with its Details', () => {
    const html = renderToStaticMarkup(
      <DestinationState
        status={status({
          cloudSync: 'onedrive',
          reachable: false,
          problem: 'The folder cannot be reached; connect the drive and NoteVault catches up.',
          details: 'ENOENT /media/usb',
          pendingCount: 1,
        })}
        now={NOW}
      />,
    );
    expect(text(html)).toContain('OneDrive folder');
    expect(text(html)).toContain('The folder cannot be reached; connect the drive');
    expect(html).toContain('<summary>Details</summary>');
    expect(text(html)).toContain('The newest backup is not copied here yet.');
    expect(text(html)).toContain('Newest checked backup here: 2 hours ago.');
  });
});
