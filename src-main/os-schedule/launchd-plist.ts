/**
 * The launchd agent (~/Library/LaunchAgents/app.notevault.backup.plist) that runs NoteVault's
 * scheduled backup while the app is closed: launchd starts the program every check period
 * (os-schedule-names.ts); a start missed while the Mac slept happens once on wake. An agent
 * runs only while the person is logged in (launchd(8), "gui/<uid>" domain), which is also
 * when their keychain, holding the device key, is unlocked. Keys: launchd.plist(5).
 */
import { xmlText } from './xml-text';
import { CHECK_PERIOD_MINUTES, LAUNCHD_LABEL } from './os-schedule-names';
import type { OsScheduleRequest } from './os-schedule-names';

/** `label`: launchdLabel(profile) (os-schedule-names.ts). */
export function launchdPlist(request: OsScheduleRequest, label: string = LAUNCHD_LABEL): string {
  const { program, interval } = request;
  const string = (value: string) => `\t\t<string>${xmlText(value)}</string>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '\t<key>Label</key>',
    `\t<string>${xmlText(label)}</string>`,
    '\t<key>ProgramArguments</key>',
    '\t<array>',
    string(program.executable),
    ...program.args.map(string),
    '\t</array>',
    '\t<key>StartInterval</key>',
    `\t<integer>${CHECK_PERIOD_MINUTES[interval] * 60}</integer>`,
    // Not at login or at registration: the app itself backs up when it starts.
    '\t<key>RunAtLoad</key>',
    '\t<false/>',
    // Background jobs get less CPU and disk time, so a backup does not slow the person down.
    '\t<key>ProcessType</key>',
    '\t<string>Background</string>',
    '\t<key>LowPriorityIO</key>',
    '\t<true/>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}
