/**
 * Cloud-sync folder detection under a Windows node.exe (issue #17): the probe
 * (cloud-sync-probe.ts) asks detectCloudSyncFolder about folders in a fake home laid out from
 * Linux, with a fake environment, so Windows' own path rules, realpath and folder listing are the
 * real ones; the driver checks the answers. Wine has no PowerShell, so the attribute reader must
 * answer null there, quickly and without failing the detection.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudSyncKind } from '../../src-main/fsx/cloud-sync-folder';

export interface CloudSyncQuestion {
  /** What the case shows, for the report. */
  what: string;
  folder: string;
  expected: CloudSyncKind | null;
}

export interface CloudSyncProbeResult {
  platform: string;
  answers: {
    what: string;
    folder: string;
    expected: CloudSyncKind | null;
    kind: CloudSyncKind | null | 'error';
    ms: number;
    error?: string;
  }[];
  /** What the default attribute reader (PowerShell) answered for the home folder, and how fast. */
  powerShell: { value: number | null; ms: number };
}

/** Lays out the fake home and the folder elsewhere (Linux paths) before the probe runs. */
export function layOutCloudSync(home: string, elsewhere: string, elsewhereWin: string): void {
  for (const folder of [
    'OneDrive - Contoso/Backups',
    'Documents',
    'iCloudDrive/NoteVault',
    'AppData/Roaming/Dropbox',
  ]) {
    mkdirSync(join(home, folder), { recursive: true });
  }
  for (const folder of ['Team Dropbox/nv', 'Personal OneDrive/nv'])
    mkdirSync(join(elsewhere, folder), { recursive: true });
  const info = {
    personal: {
      path: `${elsewhereWin}\\Team Dropbox`,
      host: 1,
      is_team: true,
      subscription_type: 'Business',
    },
  };
  writeFileSync(join(home, 'AppData', 'Roaming', 'Dropbox', 'info.json'), JSON.stringify(info));
}

/** The environment the probe passes, as Windows would set it. */
export function cloudSyncEnv(homeWin: string, elsewhereWin: string): Record<string, string> {
  return {
    OneDrive: `${elsewhereWin}\\Personal OneDrive`,
    // On a drive that is not there: no realpath can help, only comparing without case.
    OneDriveCommercial: 'Q:\\OneDrive - Contoso',
    APPDATA: `${homeWin}\\AppData\\Roaming`,
  };
}

export function cloudSyncQuestions(homeWin: string, elsewhereWin: string): CloudSyncQuestion[] {
  return [
    {
      what: 'a OneDrive for work folder in the home folder',
      folder: `${homeWin}\\OneDrive - Contoso\\Backups`,
      expected: 'onedrive',
    },
    {
      what: '%OneDriveCommercial% on a drive not connected, typed in other case',
      folder: 'q:\\onedrive - CONTOSO\\nv',
      expected: 'onedrive',
    },
    {
      what: 'the same, typed in lower case',
      folder: `${homeWin}\\OneDrive - Contoso\\Backups`.toLowerCase(),
      expected: 'onedrive',
    },
    {
      what: '%OneDrive% moved to another folder',
      folder: `${elsewhereWin}\\Personal OneDrive\\nv`,
      expected: 'onedrive',
    },
    {
      what: 'a Dropbox folder named only in %APPDATA%\\Dropbox\\info.json',
      folder: `${elsewhereWin}\\Team Dropbox\\nv`,
      expected: 'dropbox',
    },
    { what: 'iCloud for Windows', folder: `${homeWin}\\iCloudDrive\\NoteVault`, expected: 'icloud-drive' },
    { what: "Google Drive for desktop's drive", folder: 'G:\\My Drive\\Backups', expected: 'google-drive' },
    {
      what: 'a plain folder (attributes asked, PowerShell absent)',
      folder: `${homeWin}\\Documents`,
      expected: null,
    },
  ];
}

export function cloudSyncProblems(probe: CloudSyncProbeResult | undefined): string[] {
  if (!probe) return ['the cloud-sync probe wrote no result'];
  const problems: string[] = [];
  if (probe.platform !== 'win32') problems.push(`the probe ran on ${probe.platform}, not win32`);
  for (const a of probe.answers) {
    if (a.kind !== a.expected) {
      problems.push(
        `${a.what} ("${a.folder}"): expected ${a.expected ?? 'null'}, got ${a.kind ?? 'null'}${a.error ? ` (${a.error})` : ''}`,
      );
    }
  }
  if (probe.powerShell.value !== null)
    problems.push(`PowerShell under Wine answered ${probe.powerShell.value}, expected none`);
  return problems;
}

export function cloudSyncText(
  probe: CloudSyncProbeResult | undefined,
  problems: string[],
  ms: number,
): string {
  const lines = [
    `Cloud-sync folder detection under node.exe (${(ms / 1000).toFixed(1)} s): ${problems.length === 0 ? 'PASS' : 'FAIL'}`,
  ];
  for (const a of probe?.answers ?? []) {
    lines.push(`  ${a.what}: ${a.kind ?? 'null'} (${a.ms.toFixed(0)} ms)`);
  }
  if (probe) {
    lines.push(
      `  PowerShell attribute reader: ${probe.powerShell.value ?? 'null'} after ${probe.powerShell.ms.toFixed(0)} ms`,
    );
  }
  for (const p of problems) lines.push(`  PROBLEM: ${p}`);
  return lines.join('\n');
}
