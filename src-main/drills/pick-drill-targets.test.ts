import { describe, expect, it } from 'vitest';
import type { CatalogueEntry, CopyRecord } from '../settings/backup-catalogue';
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

  it('takes the newest in each destination and one older at random among those present there', () => {
    expect(names(pickDrillTargets(entries, destinations, { unattended: false, random: () => 0 }))).toEqual([
      'primary:2026-11-05',
      'primary:2026-11-04',
      'd0000000a:2026-11-03',
      'd0000000a:2026-11-02',
    ]);
    expect(names(pickDrillTargets(entries, destinations, { unattended: false, random: () => 0.99 }))).toEqual(
      ['primary:2026-11-05', 'primary:2026-11-01', 'd0000000a:2026-11-03', 'd0000000a:2026-11-01'],
    );
  });

  it('unattended, takes only backups the device key opens', () => {
    expect(names(pickDrillTargets(entries, destinations, { unattended: true, random: () => 0 }))).toEqual([
      'primary:2026-11-05',
      'primary:2026-11-03',
      'd0000000a:2026-11-03',
      'd0000000a:2026-11-02',
    ]);
  });

  it('takes one backup where there is one, none where there is none, and clamps a random of 1', () => {
    const one = [entry(1, { primary: verified })];
    expect(names(pickDrillTargets(one, destinations, { unattended: false, random: () => 1 }))).toEqual([
      'primary:2026-11-01',
    ]);
    const two = [entry(1, { primary: verified }), entry(2, { primary: verified })];
    expect(names(pickDrillTargets(two, destinations, { unattended: false, random: () => 1 }))).toEqual([
      'primary:2026-11-02',
      'primary:2026-11-01',
    ]);
    expect(pickDrillTargets([], destinations, { unattended: false })).toEqual([]);
  });

  it('every older backup is picked for some random value', () => {
    const seen = new Set<string>();
    for (let r = 0; r < 1; r += 0.05) {
      for (const t of pickDrillTargets(entries, [destinations[0]!], {
        unattended: false,
        random: () => r,
      }).slice(1))
        seen.add(t.name.slice(10, 20));
    }
    expect([...seen].sort()).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
  });
});
