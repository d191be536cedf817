import { describe, expect, it } from 'vitest';
import type { CatalogueEntry, CopyRecord } from '../settings/backup-catalogue';
import type { FolderListing } from './folder-presence';
import { pickDrillTargets } from './pick-drill-targets';

const verified: CopyRecord = { state: 'verified', at: 1 };

function entry(day: number, copies: Record<string, CopyRecord>, openWithDevice = true): CatalogueEntry {
  const createdAt = new Date(Date.UTC(2026, 10, day)).toISOString();
  return {
    name: `NoteVault-${createdAt.slice(0, 19).replace(/:/g, '-')}Z-scheduled.nvbak`,
    kind: 'scheduled',
    createdAt,
    size: 100,
    fileSha256: '0'.repeat(64),
    noteCount: 3,
    openWithDevice,
    copies,
  };
}

const destinations = [
  { id: 'primary', folder: '/backups' },
  { id: 'd0000000a', folder: '/drive' },
];

/** Both folders reachable, holding every file named (by default all of `entries`). */
function listed(entries: readonly CatalogueEntry[], except: string[] = []): Map<string, FolderListing> {
  const names = new Set(entries.map((e) => e.name).filter((name) => !except.includes(name)));
  return new Map(destinations.map((d) => [d.id, { names, device: 1 }]));
}

const names = (targets: ReturnType<typeof pickDrillTargets>) =>
  targets.map((t) => `${t.destinationId}:${t.name.slice(10, 20)}`);

describe('pickDrillTargets', () => {
  // Catalogue order is not trusted: shuffled on purpose.
  const entries = [
    entry(3, { primary: verified, d0000000a: verified }),
    entry(5, { primary: verified, d0000000a: { state: 'missing', at: 2 } }),
    entry(1, { primary: verified, d0000000a: verified }),
    entry(4, { primary: verified }, false),
    entry(2, { primary: verified, d0000000a: verified }),
  ];
  const listings = listed(entries);

  it('takes the newest in each destination and one older at random among those present there', () => {
    expect(
      names(pickDrillTargets(entries, destinations, { unattended: false, listings, random: () => 0 })),
    ).toEqual(['primary:2026-11-05', 'primary:2026-11-04', 'd0000000a:2026-11-03', 'd0000000a:2026-11-02']);
    expect(
      names(pickDrillTargets(entries, destinations, { unattended: false, listings, random: () => 0.99 })),
    ).toEqual(['primary:2026-11-05', 'primary:2026-11-01', 'd0000000a:2026-11-03', 'd0000000a:2026-11-01']);
  });

  it('unattended, takes only backups the device key opens', () => {
    expect(
      names(pickDrillTargets(entries, destinations, { unattended: true, listings, random: () => 0 })),
    ).toEqual(['primary:2026-11-05', 'primary:2026-11-03', 'd0000000a:2026-11-03', 'd0000000a:2026-11-02']);
  });

  it('takes one backup where there is one, none where there is none, and clamps a random of 1', () => {
    const one = [entry(1, { primary: verified })];
    expect(
      names(
        pickDrillTargets(one, destinations, { unattended: false, listings: listed(one), random: () => 1 }),
      ),
    ).toEqual(['primary:2026-11-01']);
    const two = [entry(1, { primary: verified }), entry(2, { primary: verified })];
    expect(
      names(
        pickDrillTargets(two, destinations, { unattended: false, listings: listed(two), random: () => 1 }),
      ),
    ).toEqual(['primary:2026-11-02', 'primary:2026-11-01']);
    expect(pickDrillTargets([], destinations, { unattended: false, listings })).toEqual([]);
  });

  it('every older backup is picked for some random value', () => {
    const seen = new Set<string>();
    for (let r = 0; r < 1; r += 0.05) {
      for (const t of pickDrillTargets(entries, [destinations[0]!], {
        unattended: false,
        listings,
        random: () => r,
      }).slice(1))
        seen.add(t.name.slice(10, 20));
    }
    expect([...seen].sort()).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
  });

  it('takes only files in the folder now, and nothing in a folder it could not list', () => {
    // The newest was deleted from the backup folder by hand: the catalogue still holds it as verified.
    const [newest] = entries.filter((e) => e.name.includes('2026-11-05'));
    const withoutNewest = listed(entries, [newest!.name]);
    expect(
      names(
        pickDrillTargets(entries, destinations, {
          unattended: false,
          listings: withoutNewest,
          random: () => 0,
        }),
      ),
    ).toEqual(['primary:2026-11-04', 'primary:2026-11-03', 'd0000000a:2026-11-03', 'd0000000a:2026-11-02']);
    // The drive could not be listed (unplugged): only the backup folder's.
    const primaryOnly = new Map([['primary', listings.get('primary')!]]);
    expect(
      names(
        pickDrillTargets(entries, destinations, {
          unattended: false,
          listings: primaryOnly,
          random: () => 0,
        }),
      ),
    ).toEqual(['primary:2026-11-05', 'primary:2026-11-04']);
  });
});
