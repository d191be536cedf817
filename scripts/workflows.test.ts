import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// GitHub Actions cannot run here, so these checks catch what would otherwise only fail on a
// runner: a renamed npm script, a missing file, a floating action tag, a lost platform.
const root = join(__dirname, '..');
const workflowDir = join(root, '.github', 'workflows');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  productName: string;
  version: string;
  scripts: Record<string, string>;
  engines: { node: string };
};
// One Node line for package.json, the release workflow, .ci/run and the README.
const enginesMajor = Number(/^>=(\d+)\.\d+$/.exec(packageJson.engines.node)?.[1]);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  strategy?: { matrix?: { os?: string[] } };
  steps: Step[];
}

const workflows = readdirSync(workflowDir)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => {
    const text = readFileSync(join(workflowDir, file), 'utf8');
    const jobs = Object.values((parse(text) as { jobs: Record<string, Job> }).jobs);
    return { file, text, jobs, steps: jobs.flatMap((job) => job.steps) };
  });
const allRuns = workflows.flatMap((w) => w.steps.flatMap((step) => (step.run ? [step.run] : [])));
const release = workflows.find((w) => w.file === 'release.yml');

describe('GitHub workflows', () => {
  it('include release.yml', () => {
    expect(release).toBeDefined();
  });

  it('call only npm scripts that package.json defines', () => {
    const called = allRuns.flatMap((run) => [...run.matchAll(/\bnpm run ([\w:.-]+)/g)].map((m) => m[1]!));
    if (allRuns.some((run) => /\bnpm test\b/.test(run))) called.push('test');
    expect(called.length).toBeGreaterThan(0);
    for (const script of called) expect(packageJson.scripts, `npm run ${script}`).toHaveProperty([script]);
  });

  it('run only node scripts and npx tools that exist in the repository', () => {
    const scripts = allRuns.flatMap((run) =>
      [...run.matchAll(/\bnode (scripts\/[\w./-]+)/g)].map((m) => m[1]!),
    );
    for (const script of scripts) expect(existsSync(join(root, script)), script).toBe(true);
    // npx without a version would fetch an unpinned package if the tool were not installed.
    const tools = allRuns.flatMap((run) => [...run.matchAll(/\bnpx ([\w@/.-]+)/g)].map((m) => m[1]!));
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools)
      expect(existsSync(join(root, 'node_modules', '.bin', tool)), `npx ${tool}`).toBe(true);
  });

  it('pin every action to a full commit SHA (with its tag in a comment) or an exact version tag', () => {
    for (const { file, text, steps } of workflows) {
      const uses = steps.flatMap((step) => (step.uses ? [step.uses] : []));
      for (const action of uses) {
        expect(action, `${file}: ${action}`).toMatch(/^[\w.-]+\/[\w./-]+@([0-9a-f]{40}|v\d+\.\d+\.\d+)$/);
        if (/@[0-9a-f]{40}$/.test(action)) {
          // The parsed YAML drops comments: find the line to check the tag is named beside the SHA.
          const line = text.split('\n').find((l) => l.includes(`uses: ${action}`));
          expect(line, `${file}: ${action} needs "# vX.Y.Z"`).toMatch(/ # v\d+\.\d+\.\d+\s*$/);
        }
      }
    }
  });

  it('test on Windows, macOS and Linux with the Node line of package.json engines', () => {
    const job = release!.jobs[0]!;
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy?.matrix?.os?.slice().sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
    const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version']).toBe(enginesMajor);
    expect(allRuns.join('\n')).toMatch(/^npm ci$/m);
    expect(allRuns.join('\n')).toMatch(/^npm test$/m);
  });

  it('agree with the README and .ci/run on that Node line', () => {
    const minimum = packageJson.engines.node.slice(2);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const named = [...readme.matchAll(/\bNode(?:\.js)? (\d+(?:\.\d+)?)\+/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set([minimum]));
    // .ci/run reads the line from package.json rather than restating it.
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(
      /require\("\.\/package\.json"\)\.engines\.node/,
    );
  });

  it('builds the Windows installer, checks its fuses and uploads the file electron-builder names', () => {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
      directories: { output: string };
      nsis: { artifactName: string };
    };
    const windowsSteps = release!.steps.filter((step) => step.if === "runner.os == 'Windows'");
    const runs = windowsSteps.map((step) => step.run ?? '').join('\n');
    expect(runs).toContain('npx electron-builder --win nsis --config electron-builder.yml');
    const exe = `${config.directories.output}/win-unpacked/${packageJson.productName}.exe`;
    expect(runs).toContain(`npm run verify:fuses -- ${exe}`);

    const upload = windowsSteps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    const installer = config.nsis.artifactName
      .replace('${productName}', packageJson.productName)
      .replace('${version}', packageJson.version)
      .replace('${arch}', 'x64')
      .replace('${ext}', 'exe');
    const glob = String(upload?.with?.path);
    const globAsRegExp = new RegExp(
      `^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`,
    );
    expect(`${config.directories.output}/${installer}`).toMatch(globAsRegExp);
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });

  it('runs the Electron tier on every OS against the packaged app.asar, after packaging it there', () => {
    const steps = release!.steps;
    const index = steps.findIndex((step) => step.run?.includes('NOTEVAULT_E2E_APP_PATH'));
    const tier = steps[index];
    expect(tier, 'a step that sets NOTEVAULT_E2E_APP_PATH').toBeDefined();
    expect(tier?.if, 'it runs on every OS').toBeUndefined();
    const run = tier?.run ?? '';
    expect(run).toMatch(/npx playwright test --project=electron/);
    // The package electron-builder leaves on each OS: dist/<os>-unpacked, or the .app on macOS.
    const output = (
      parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
        directories: { output: string };
      }
    ).directories.output;
    expect(run).toContain(`${output}/*-unpacked/resources/app.asar`);
    expect(run).toContain(`${output}/mac*/*.app/Contents/Resources/app.asar`);
    expect(run).toMatch(/test -n "\$asar"/);
    // The launcher reads that variable (and the playwright project exists).
    expect(readFileSync(join(root, 'e2e', 'electron', 'electron-app.ts'), 'utf8')).toContain(
      "APP_PATH_ENV = 'NOTEVAULT_E2E_APP_PATH'",
    );
    expect(readFileSync(join(root, 'playwright.config.ts'), 'utf8')).toMatch(/name: 'electron'/);
    // Packaged before it: the Windows installer leaves win-unpacked; macOS and Linux package unpacked.
    const before = steps.slice(0, index);
    const windows = before.find((step) => step.run?.includes('electron-builder --win'));
    expect(windows?.if).toBe("runner.os == 'Windows'");
    const others = before.find((step) => /electron-builder \$target dir/.test(step.run ?? ''));
    expect(others?.if).toBe("runner.os != 'Windows'");
    expect(others?.run).toMatch(/--linux/);
    expect(others?.run).toMatch(/--mac/);
  });
});
