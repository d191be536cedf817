import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolders } from '../main/fsx/test-faults';
import type { CloudSyncProbeResult } from './cloud-sync';
import { cloudSyncProblems, cloudSyncQuestions, layOutCloudSync } from './cloud-sync';

const temp = tempFolders();
afterEach(() => temp.cleanup());

function answersAsExpected(): CloudSyncProbeResult {
  return {
    platform: 'win32',
    answers: cloudSyncQuestions('Z:\\h', 'Z:\\e').map((q) => ({ ...q, kind: q.expected, ms: 1 })),
    powerShell: { value: null, ms: 300 },
  };
}

describe('the cloud-sync scenario', () => {
  it('accepts the expected answers and names every wrong one', () => {
    expect(cloudSyncProblems(answersAsExpected())).toEqual([]);
    const wrong = answersAsExpected();
    const first = wrong.answers[0];
    if (first) first.kind = null;
    wrong.powerShell.value = 16;
    expect(cloudSyncProblems(wrong)).toEqual([
      `${first?.what} ("${first?.folder}"): expected onedrive, got null`,
      'PowerShell under Wine answered 16, expected none',
    ]);
    expect(cloudSyncProblems({ ...answersAsExpected(), platform: 'linux' })).toEqual([
      'the probe ran on linux, not win32',
    ]);
    expect(cloudSyncProblems(undefined)).toEqual(['the cloud-sync probe wrote no result']);
  });

  it("lays out Dropbox's info.json naming the folder elsewhere by its Windows path", async () => {
    const dir = await temp.make();
    layOutCloudSync(join(dir, 'home'), join(dir, 'elsewhere'), 'Z:\\run\\elsewhere');
    const info = JSON.parse(
      readFileSync(join(dir, 'home', 'AppData', 'Roaming', 'Dropbox', 'info.json'), 'utf8'),
    ) as { personal: { path: string } };
    expect(info.personal.path).toBe('Z:\\run\\elsewhere\\Team Dropbox');
  });
});
