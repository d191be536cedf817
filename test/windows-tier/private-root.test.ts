import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrivateRootProbe } from './private-root';
import { PLANTED, privateRootProblems, VICTIM_FILES } from './private-root';

const LAD = 'C:\\users\\someone\\AppData\\Local';
const ROOT = `${LAD}\\NoteVault\\tmp`;
const LIVE = 'notevault-tmp-backup-pid40-th0-Qw12Er';

function good(): PrivateRootProbe {
  return {
    localAppData: LAD,
    root: ROOT,
    liveFolder: LIVE,
    links: [{ kind: 'junction', at: 'x/junction', made: false, error: 'ENOTSUP' }],
    sweep: { wipedTempDirs: [`${ROOT}\\${PLANTED.deadJob(4000000)}`], skipped: [], failures: [] },
    remaining: [LIVE, PLANTED.foreign],
  };
}

describe('the private-root verdict', () => {
  let victim: string;
  beforeEach(() => {
    victim = mkdtempSync(join(tmpdir(), 'nv-victim-'));
    for (const [name, bytes] of Object.entries(VICTIM_FILES)) writeFileSync(join(victim, name), bytes);
  });
  afterEach(() => rmSync(victim, { recursive: true, force: true }));

  it('passes a root under %LOCALAPPDATA% swept as it should be', () => {
    expect(privateRootProblems(good(), victim)).toEqual([]);
  });

  it('fails a root elsewhere, a leftover kept, a live or foreign folder removed', () => {
    const probe = {
      ...good(),
      root: 'C:\\users\\someone\\Temp\\NoteVault\\tmp',
      remaining: [PLANTED.deadJob(4000000)],
      sweep: { wipedTempDirs: [], skipped: [], failures: [] },
    };
    const problems = privateRootProblems(probe, victim).join('\n');
    expect(problems).toMatch(/is not %LOCALAPPDATA%/);
    expect(problems).toMatch(/leftover was not wiped/);
    expect(problems).toMatch(/running job's folder/);
    expect(problems).toMatch(/unrecognised folder/);
  });

  it('fails a victim changed or emptied through a link, and a link lstat does not see', () => {
    writeFileSync(join(victim, 'notes.txt'), 'overwritten');
    rmSync(join(victim, 'photo.bin'));
    const probe = {
      ...good(),
      links: [{ kind: 'junction' as const, at: 'j', made: true, lstatIsLink: false }],
    };
    const problems = privateRootProblems(probe, victim).join('\n');
    expect(problems).toMatch(/victim folder now lists/);
    expect(problems).toMatch(/"notes.txt" was changed/);
    expect(problems).toMatch(/did not report the junction/);
  });
});
