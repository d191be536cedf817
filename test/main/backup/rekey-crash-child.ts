/**
 * Test-only child process (started through crash-test-child.test-shim.mjs with
 * NOTEVAULT_CHILD_ENTRY=rekey-crash-child.ts): runs one real passkey change over a folder and
 * says "go" on stdout just before the files are touched, so the parent can SIGKILL it at a
 * random moment of the file work. No cleanup runs when it is killed: the parent then checks
 * what recovery makes of the remains.
 */
import { changePasskey } from '../../../src-main/backup/rekey/change-passkey';
import type { ChangePasskeyRequest } from '../../../src-main/backup/rekey/change-passkey';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (part: string) => (input += part));
process.stdin.on('end', () => {
  const request = JSON.parse(input) as ChangePasskeyRequest;
  let said = false;
  changePasskey(request, {
    onProgress: (p) => {
      if (p.phase === 'changing-passkey' && !said) {
        said = true;
        process.stdout.write('go\n');
      }
    },
  }).then(
    (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
});
