#!/usr/bin/env node
// Reads the Electron fuses back from a packaged app and fails unless each one set under
// `electronFuses` in electron-builder.yml has that value. electron-builder flips them while
// packaging; this checks the binary that ships, with the yml as the only list of expectations.
//
//   node scripts/verify-fuses.mjs dist/win-unpacked/NoteVault.exe
//   node scripts/verify-fuses.mjs dist/mac-arm64/NoteVault.app
//   node scripts/verify-fuses.mjs dist/linux-unpacked/notevault
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Options of electronFuses that are instructions to electron-builder, not fuses.
const NOT_FUSES = new Set(['resetAdHocDarwinSignature']);
// Fuses the yml must turn off: each keeps a way into the packaged app closed (running as
// Node, Node's inspector and NODE_OPTIONS, file:// pages' extra privileges; the renderer comes
// from app://). Dropping one from the yml must fail this check, not quietly stop checking it.
export const REQUIRED_OFF = [
  'runAsNode',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'grantFileProtocolExtraPrivileges',
];

/** electronFuses keys are the FuseV1Options names with a lower-case first letter. */
function fuseIndex(key) {
  const index = FuseV1Options[key[0].toUpperCase() + key.slice(1)];
  if (typeof index !== 'number') {
    throw new Error(`electron-builder.yml: electronFuses.${key} is not a fuse @electron/fuses knows.`);
  }
  return index;
}

function expectedFuses(configPath) {
  const config = parse(readFileSync(configPath, 'utf8'));
  const fuses = Object.entries(config?.electronFuses ?? {}).filter(([key]) => !NOT_FUSES.has(key));
  if (fuses.length === 0) throw new Error(`${configPath} sets no electronFuses: there is nothing to verify.`);
  const notOff = REQUIRED_OFF.filter((key) => config.electronFuses[key] !== false);
  if (notOff.length > 0) {
    throw new Error(
      `${configPath} must set electronFuses ${notOff.map((key) => `${key}: false`).join(', ')}.`,
    );
  }
  return fuses.map(([key, enabled]) => ({ key, index: fuseIndex(key), enabled }));
}

function describeState(state) {
  if (state === FuseState.ENABLE) return 'on';
  if (state === FuseState.DISABLE) return 'off';
  if (state === FuseState.REMOVED) return 'removed from this Electron';
  return state === undefined ? 'missing (fuse wire too short)' : `unknown state ${state}`;
}

/** @returns {Promise<string[]>} one line per fuse that differs; empty when all match */
export async function verifyFuses(appPath, configPath = join(root, 'electron-builder.yml')) {
  if (!existsSync(appPath)) throw new Error(`${appPath} does not exist: pass the packaged app's executable.`);
  const wire = await getCurrentFuseWire(appPath);
  const problems = [];
  for (const { key, index, enabled } of expectedFuses(configPath)) {
    const actual = wire[index];
    const wanted = enabled ? FuseState.ENABLE : FuseState.DISABLE;
    const line = `${key}: expected ${enabled ? 'on' : 'off'}, found ${describeState(actual)}`;
    console.log(`${actual === wanted ? 'ok  ' : 'FAIL'} ${line}`);
    if (actual !== wanted) problems.push(line);
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const appPath = process.argv[2];
  if (!appPath) {
    console.error('usage: node scripts/verify-fuses.mjs <packaged app executable or .app>');
    process.exit(2);
  }
  verifyFuses(resolve(appPath)).then(
    (problems) => {
      if (problems.length > 0) {
        console.error(
          `verify-fuses: ${problems.length} fuse(s) of ${appPath} differ from electron-builder.yml.`,
        );
        process.exit(1);
      }
      console.log(`verify-fuses: every fuse in electron-builder.yml is set in ${appPath}.`);
    },
    (error) => {
      console.error(`verify-fuses: ${error.message}`);
      process.exit(1);
    },
  );
}
