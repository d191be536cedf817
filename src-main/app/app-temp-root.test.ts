import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from './app-services';
import type { AppSeams, AppServices } from './app-services';
import { quietAppSeams } from '../../test/main/app/quiet-app-seams';

// Issue #13: the app's private temp folders live in <user data>/tmp, created 0700 and checked at
// every start, not in the shared system temp folder. No job runs here.
let root: string;
let userData: string;
let services: AppServices | undefined;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nv-app-temp-root-'));
  userData = join(root, 'userData');
  mkdirSync(userData);
  services = undefined;
});

afterEach(async () => {
  await services?.dispose();
  rmSync(root, { recursive: true, force: true });
});

const seams = (): AppSeams => quietAppSeams(root);

describe.skipIf(process.platform === 'win32')('the app temp root', () => {
  it('is <user data>/tmp, created with mode 0700, when no temp parent is given', async () => {
    services = await createAppServices(userData, seams());
    const info = lstatSync(join(userData, 'tmp'));
    expect(info.isDirectory()).toBe(true);
    expect(info.mode & 0o777).toBe(0o700);
  });

  it('refuses to start on a temp root that is a link, saying which folder to delete', async () => {
    mkdirSync(join(root, 'elsewhere'), { mode: 0o700 });
    symlinkSync(join(root, 'elsewhere'), join(userData, 'tmp'));
    await expect(createAppServices(userData, seams())).rejects.toThrow(
      `NoteVault will not use its temporary folder "${join(userData, 'tmp')}" because it is a link`,
    );
  });
});
