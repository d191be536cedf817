import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ownerTag } from '../fsx/private-temp-owner';
import { childProcesses } from '../../test/main/fsx/sweep-test-support';
import { filesIn, useWorkspace } from '../../test/main/backup/backup-test-support';
import { encodeJournal, journalPathFor } from './rekey/rekey-journal';
import { backupWithNewHeader } from '../../test/main/backup/rekey-test-support';
import { startupSweep } from './startup-sweep';

const ws = useWorkspace();
const children = childProcesses();
afterEach(() => children.stopAll());

describe('startupSweep', () => {
  it('wipes plaintext temp folders, removes partial backups, and touches nothing else', async () => {
    const snapshotDir = join(ws.temp, 'notevault-tmp-backup-Ab12Cd');
    const restoreDir = join(ws.dbDir, 'notevault-tmp-restore-Zz99Yy');
    for (const dir of [snapshotDir, restoreDir]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'snapshot.db'), 'plaintext notes');
    }
    const keep = {
      [ws.dbDir]: ['notes.db', 'notes.db-wal', 'notes.db-journal', 'notes.db-shm'],
      [ws.backups]: ['NoteVault-2026-01-01T00-00-00Z.nvbak', 'mine.nvbak', 'report.pdf.partial', 'notes.txt'],
      [ws.temp]: ['someone-elses-file.tmp'],
    };
    for (const [folder, names] of Object.entries(keep)) {
      for (const name of names) writeFileSync(join(folder, name), name);
    }
    writeFileSync(join(ws.backups, 'NoteVault-2026-01-01T00-00-01Z-scheduled.nvbak.partial'), 'half');
    writeFileSync(join(ws.backups, 'mine.nvbak.partial'), 'half');

    const report = await startupSweep({
      databaseFolder: ws.dbDir,
      backupFolders: [ws.backups],
      tempParent: ws.temp,
    });

    expect(report.failures).toEqual([]);
    expect(report.wipedTempDirs.sort()).toEqual([restoreDir, snapshotDir].sort());
    expect(report.removedPartials).toHaveLength(2);
    expect(existsSync(snapshotDir) || existsSync(restoreDir)).toBe(false);
    for (const [folder, names] of Object.entries(keep)) expect(filesIn(folder)).toEqual([...names].sort());
  });

  it('skips folders that do not exist and folders listed twice', async () => {
    const report = await startupSweep({
      databaseFolder: join(ws.root, 'nowhere'),
      backupFolders: [ws.backups, `${ws.backups}/`],
      tempParent: ws.temp,
    });
    expect(report).toEqual({
      wipedTempDirs: [],
      wipedFiles: [],
      removedPartials: [],
      skipped: [],
      unknownOwners: [],
      failures: [],
      finishedRekeys: [],
      discardedRekeys: [],
    });
  });

  it("finishes a crashed passkey change's journal in the backup folders, and drops a broken one", async () => {
    const backup = join(ws.backups, 'mine.nvbak');
    const { oldHeader, newHeader, fileSize } = await backupWithNewHeader(backup);
    const stream = readFileSync(backup).subarray(newHeader.length);
    writeFileSync(journalPathFor(backup), encodeJournal({ fileSize, oldHeader, header: newHeader }));
    const broken = join(ws.backups, 'other.nvbak');
    writeFileSync(broken, 'x'.repeat(200));
    writeFileSync(journalPathFor(broken), 'half a journal');

    const report = await startupSweep({
      databaseFolder: ws.dbDir,
      backupFolders: [ws.backups],
      tempParent: ws.temp,
    });

    expect(report.finishedRekeys).toEqual([journalPathFor(backup)]);
    expect(report.discardedRekeys).toEqual([journalPathFor(broken)]);
    expect(readFileSync(backup)).toEqual(Buffer.concat([newHeader, stream]));
    expect(filesIn(ws.backups)).toEqual(['mine.nvbak', 'other.nvbak']);
  });

  it('leaves the plaintext of a backup another NoteVault process is making alone, and wipes a dead one at once', async () => {
    const { child, pid } = await children.start();
    const running = join(ws.temp, `notevault-tmp-backup-${ownerTag({ pid, threadId: 2 })}-Live01`);
    mkdirSync(running);
    writeFileSync(join(running, 'snapshot.db'), 'the other process is encrypting this');
    const { child: crashed, pid: crashedPid } = await children.start();
    await children.stop(crashed);
    const abandoned = join(
      ws.dbDir,
      `notevault-tmp-restore-${ownerTag({ pid: crashedPid, threadId: 1 })}-Dead01`,
    );
    mkdirSync(abandoned);
    writeFileSync(join(abandoned, 'snapshot.db'), 'plaintext notes');

    // As the CLI sweeps before its job: leftovers that name no owner must be an hour old.
    const request = { databaseFolder: ws.dbDir, backupFolders: [ws.backups], tempParent: ws.temp };
    const report = await startupSweep({ ...request, minAgeMs: 3600_000, atProcessStart: true });

    expect(report.wipedTempDirs).toEqual([abandoned]);
    expect(report.skipped).toEqual([{ path: running, kind: 'private-temp-dir', reason: 'owner-running' }]);
    expect(existsSync(abandoned)).toBe(false);
    expect(filesIn(running)).toEqual(['snapshot.db']);

    await children.stop(child);
    expect((await startupSweep({ ...request, atProcessStart: true })).wipedTempDirs).toEqual([running]);
  });
});
