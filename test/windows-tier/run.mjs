// `npm run test:windows`: the Windows file-locking tier (README, "Windows file-locking tier").
//
// Runs NoteVault's file layer (src-main/fsx) under a Windows node.exe in Wine against programs that
// hold files open the way SQLite, antivirus scanners and sync clients do. Needs Linux with Wine and
// mingw-w64 (.ci/run installs both); anywhere else it prints a SKIPPED line saying why and exits 0,
// unless NOTEVAULT_REQUIRE_WINE=1, which turns the skip into a failure (for CI that must run it).
//
// This script only checks the prerequisites and bundles: the TypeScript sources are bundled with
// rolldown (the bundler inside Vite) into one CommonJS file for node.exe (runner.ts) and one for the
// Linux Node running the driver (driver.ts), which does the rest. Extra arguments go to the driver:
//   --filter TEXT   run only the cases whose id contains TEXT (e.g. "secure-wipe" or ".exclusive.")
//   --keep          keep the case folders
//   --jobs N        cases at a time (default 2)
//   --report FILE   also write the tables to FILE
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const t0 = performance.now();
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const TOOLS = [
  ['wine', 'wine wine64'],
  ['wineserver', 'wine wine64'],
  ['x86_64-w64-mingw32-gcc', 'gcc-mingw-w64-x86-64'],
];

function skip(reason) {
  if (process.env.NOTEVAULT_REQUIRE_WINE === '1') {
    console.error(`test:windows FAILED: ${reason} (NOTEVAULT_REQUIRE_WINE=1 forbids skipping).`);
    process.exit(1);
  }
  console.log(`test:windows SKIPPED: ${reason}. The Windows file-locking tier did not run.`);
  process.exit(0);
}

const onPath = (command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

if (process.platform !== 'linux')
  skip(`it runs Windows programs under Wine on Linux, and this is ${process.platform}`);
const missing = TOOLS.filter(([command]) => !onPath(command));
if (missing.length > 0) {
  const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
  skip(
    `${missing.map(([command]) => command).join(', ')} not found ` +
      `(install with: apt-get install -y --no-install-recommends ${packages})`,
  );
}

const cacheDir = join(root, 'node_modules', '.cache', 'notevault-wine');
const buildDir = join(cacheDir, 'build');
mkdirSync(buildDir, { recursive: true });

// rolldown is Vite 8's bundler; resolve it through Vite so it is the copy Vite itself uses.
const fromVite = createRequire(createRequire(join(root, 'package.json')).resolve('vite/package.json'));
const { build } = await import(pathToFileURL(fromVite.resolve('rolldown')).href);
const bundle = (entry, file, external) =>
  build({
    input: join(here, entry),
    platform: 'node',
    external,
    logLevel: 'warn',
    output: { file: join(buildDir, file), format: 'cjs' },
  });
// The driver stays in node_modules/.cache so that require('better-sqlite3') finds the project's copy.
await Promise.all([
  bundle('runner.ts', 'runner.cjs', []),
  bundle('private-root-probe.ts', 'private-root.cjs', []),
  bundle('cloud-sync-probe.ts', 'cloud-sync.cjs', []),
  bundle('driver.ts', 'driver.cjs', ['better-sqlite3']),
]);

const driverArgs = [
  join(buildDir, 'driver.cjs'),
  `--cache=${cacheDir}`,
  `--runner=${join(buildDir, 'runner.cjs')}`,
  `--private-root=${join(buildDir, 'private-root.cjs')}`,
  `--cloud-sync=${join(buildDir, 'cloud-sync.cjs')}`,
  `--source=${here}`,
  `--sqlite=${join(root, 'node_modules', 'better-sqlite3', 'deps', 'sqlite3')}`,
  ...process.argv.slice(2),
];
const driver = spawn(process.execPath, driverArgs, { stdio: 'inherit' });
driver.on('exit', (code, signal) => {
  const total = ((performance.now() - t0) / 1000).toFixed(1);
  const verdict = code === 0 ? 'passed' : `FAILED (${signal ?? `exit code ${code}`})`;
  console.log(`test:windows ${verdict} in ${total} s.`);
  process.exit(code ?? 1);
});
