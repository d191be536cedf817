import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../fsx/atomic-publish';
import type { WriteFileAtomicOptions } from '../fsx/atomic-publish';

/** The file in Electron's userData folder. */
export const WINDOW_STATE_FILE = 'window-state.json';

/**
 * The main window's smallest size: the note list and the editor side by side, every view
 * without horizontal scrolling. The tier-1 layout tests (e2e/layout.spec.ts) run at this size.
 */
export const MIN_WINDOW_WIDTH = 720;
export const MIN_WINDOW_HEIGHT = 540;

/**
 * Where the main window was and how big, in screen coordinates (DIP). `x`/`y` are absent
 * until the window has been placed once: the OS then centres it. The size is the normal
 * (restored) size even while maximized, so un-maximizing after a restart returns to it.
 */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
}

export const DEFAULT_WINDOW_STATE: Readonly<WindowState> = Object.freeze({
  width: 1100,
  height: 750,
  isMaximized: false,
});

// Generous bounds that still reject nonsense (NaN cannot come from JSON; 1e300 can).
const coordinate = z.number().int().min(-1_000_000).max(1_000_000);
const length = z.number().int().min(1).max(100_000);

const windowStateFile = z.object({
  version: z.literal(1),
  x: coordinate,
  y: coordinate,
  width: length,
  height: length,
  isMaximized: z.boolean(),
});

type WindowStateFile = z.infer<typeof windowStateFile>;

/**
 * Reads the remembered state. A missing file is a first start; a damaged or unreadable one
 * (a crash mid-write on a file system without atomic rename, a hand edit, a newer format)
 * is reported through `log` and replaced by the defaults: a window that opens at the default
 * size is better than an app that does not open. Synchronous because it runs once, before
 * the first window, on a file of a few dozen bytes.
 */
export function loadWindowState(file: string, log: (message: string) => void = console.warn): WindowState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log(`Could not read the window position from "${file}" (${String(error)}); using the default size.`);
    }
    return { ...DEFAULT_WINDOW_STATE };
  }
  let parsed: WindowStateFile;
  try {
    parsed = windowStateFile.parse(JSON.parse(text));
  } catch (error) {
    const reason =
      error instanceof z.ZodError ? error.issues.map((issue) => issue.message).join('; ') : 'not JSON';
    log(`Ignored the damaged window position file "${file}" (${reason}); using the default size.`);
    return { ...DEFAULT_WINDOW_STATE };
  }
  const { x, y, width, height, isMaximized } = parsed;
  return { x, y, width, height, isMaximized };
}

/**
 * Writes the state atomically: a crash mid-write leaves the previous file, never a torn one.
 * A state without a position (never placed) is not worth remembering and is skipped.
 */
export async function saveWindowState(
  file: string,
  state: WindowState,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  if (state.x === undefined || state.y === undefined) return;
  const content: WindowStateFile = {
    version: 1,
    x: Math.round(state.x),
    y: Math.round(state.y),
    width: Math.round(state.width),
    height: Math.round(state.height),
    isMaximized: state.isMaximized,
  };
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, options);
}
