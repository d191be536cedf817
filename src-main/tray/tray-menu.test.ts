import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildTrayMenuTemplate, shorten } from './tray-menu';
import {
  HOUR,
  MINUTE,
  NOW,
  health,
  recordingActions,
  run,
  trayState,
} from '../../test/main/tray/tray-test-support';

function item(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = template.find((entry) => entry.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  (entry.click as (() => void) | undefined)?.();
}

describe('buildTrayMenuTemplate', () => {
  it('has Back up now, Schedule, last backup, Health…, Open and Quit, in that order', () => {
    const { actions } = recordingActions();
    const template = buildTrayMenuTemplate(trayState(), actions, NOW);
    expect(template.map((entry) => entry.id ?? entry.type)).toEqual([
      'back-up-now',
      'schedule',
      'separator',
      'last-backup',
      'health',
      'separator',
      'open',
      'quit',
    ]);
    expect(item(template, 'last-backup').label).toBe('Last backup: 5 min ago, succeeded');
  });

  it('offers the four schedules as radio items with the current one checked, each setting its interval', () => {
    const { actions, calls } = recordingActions();
    const submenu = item(buildTrayMenuTemplate(trayState({ schedule: 'weekly' }), actions, NOW), 'schedule')
      .submenu as MenuItemConstructorOptions[];
    expect(submenu.map((entry) => [entry.label, entry.type, entry.checked])).toEqual([
      ['Off', 'radio', false],
      ['Every hour', 'radio', false],
      ['Every day', 'radio', false],
      ['Every week', 'radio', true],
    ]);
    submenu.forEach(click);
    expect(calls).toEqual([
      'setSchedule:off',
      'setSchedule:hourly',
      'setSchedule:daily',
      'setSchedule:weekly',
    ]);
  });

  it('wires each item to its action', () => {
    const { actions, calls } = recordingActions();
    const template = buildTrayMenuTemplate(trayState(), actions, NOW);
    for (const id of ['back-up-now', 'last-backup', 'health', 'open', 'quit']) click(item(template, id));
    expect(calls).toEqual(['backUpNow', 'showBackups', 'showHealth', 'openApp', 'quit']);
    expect(item(template, 'health').label).toBe('Health…');
  });

  it('disables Back up now while a job runs', () => {
    const entry = item(
      buildTrayMenuTemplate(trayState({ busy: true }), recordingActions().actions, NOW),
      'back-up-now',
    );
    expect(entry).toMatchObject({ label: 'Backing up…', enabled: false });
  });

  it('shows a failed last backup with its reason, cut to one short line', () => {
    const message =
      'The backup folder "E:\\NoteVault Backups" is not available.\nConnect the drive or choose another folder in Settings, then try again.';
    const template = buildTrayMenuTemplate(
      trayState({ lastRun: run({ ok: false, message, startedAt: NOW - 3 * HOUR }) }),
      recordingActions().actions,
      NOW,
    );
    const label = item(template, 'last-backup').label!;
    expect(
      label.startsWith('Last backup: 3 hours ago, failed: The backup folder "E:\\NoteVault Backups"'),
    ).toBe(true);
    expect(label.length).toBe(80);
    expect(label.endsWith('…')).toBe(true);
    expect(label).not.toContain('\n');
  });

  it('says when there was no backup yet', () => {
    const template = buildTrayMenuTemplate(trayState({ lastRun: null }), recordingActions().actions, NOW);
    expect(item(template, 'last-backup').label).toBe('Last backup: none yet');
  });

  it('shows the next run while scheduled, and the items needing attention, which open the Health view', () => {
    const { actions, calls } = recordingActions();
    const template = buildTrayMenuTemplate(
      trayState({
        nextRunAt: NOW + 30 * MINUTE,
        health: health([
          {
            id: 'backup-note-count-drop',
            severity: 'warning',
            title: 'Fewer notes',
            message: 'The newest backup holds 3 notes, the one before held 120.',
          },
          { id: 'drill-last', severity: 'ok', title: 'Restore test', message: 'Fine.' },
        ]),
      }),
      actions,
      NOW,
    );
    expect(item(template, 'next-backup')).toMatchObject({
      enabled: false,
      label: expect.stringMatching(/^Next backup: /) as unknown,
    });
    expect(item(template, 'warning-0').label).toBe(
      '⚠ The newest backup holds 3 notes, the one before held 120.',
    );
    click(item(template, 'warning-0'));
    expect(calls).toEqual(['showHealth']);
    expect(template.some((e) => e.id === 'warning-1')).toBe(false);
    expect(
      buildTrayMenuTemplate(trayState({ nextRunAt: NOW - 1 }), actions, NOW).find(
        (e) => e.id === 'next-backup',
      )?.label,
    ).toBe('Next backup: now');
    expect(
      buildTrayMenuTemplate(trayState({ schedule: 'off', nextRunAt: NOW }), actions, NOW).some(
        (e) => e.id === 'next-backup',
      ),
    ).toBe(false);
  });
});

describe('shorten', () => {
  it('joins lines and cuts with an ellipsis', () => {
    expect(shorten('a\n  b', 10)).toBe('a b');
    expect(shorten('abcdefghijk', 5)).toBe('abcd…');
  });
});
