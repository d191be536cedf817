/** The app's OS-scheduler seam: this computer's scheduler, run through its own tools, for the installed program. */
import { app } from 'electron';
import { nodeCommandRunner } from '../fsx/command-runner';
import type { ScheduledProgram } from './os-schedule-names';
import { osScheduleRegistrar } from './os-schedule-registrar';
import type { OsScheduleRegistrar } from './os-schedule-registrar';
import { scheduledProgram } from './scheduled-program';

/** Call after app 'ready'. `userDataOverride`: what applyUserDataOverride returned. */
export function electronOsSchedule(userDataOverride: string | undefined): {
  registrar: OsScheduleRegistrar | null;
  program: ScheduledProgram;
} {
  return {
    registrar: osScheduleRegistrar({
      platform: process.platform,
      home: app.getPath('home'),
      env: process.env,
      uid: process.getuid?.() ?? 0,
      userDataDir: app.getPath('userData'),
      userDataOverride,
      run: nodeCommandRunner,
      now: () => Date.now(),
    }),
    program: scheduledProgram({
      platform: process.platform,
      execPath: process.execPath,
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      env: process.env,
      userDataOverride,
    }),
  };
}
