import type { Rectangle } from 'electron';
import { MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH } from './window-state';
import type { WindowState } from './window-state';

/**
 * The part of Electron's `screen` this needs (it matches structurally). A seam, so the tests
 * can plug and unplug monitors.
 */
export interface DisplaySource {
  getAllDisplays(): ReadonlyArray<{ workArea: Rectangle }>;
  getPrimaryDisplay(): { workArea: Rectangle };
}

/**
 * Moves and shrinks a remembered window so that all of it lies on one display's work area
 * (the screen minus task bars and docks). The display is the one the window overlapped most;
 * if it overlaps none (the monitor it was on is unplugged, or the resolution shrank), it is
 * centred on the primary display instead. A window that opens off-screen cannot be moved back
 * by most users, which is why the whole window is kept visible, not just a corner of it.
 */
export function fitToDisplays(state: WindowState, screen: DisplaySource): WindowState {
  if (state.x === undefined || state.y === undefined) {
    // Never placed: the OS centres it; only the size must fit.
    const area = screen.getPrimaryDisplay().workArea;
    return { ...state, ...fitSize(state, area) };
  }
  const bounds: Rectangle = { x: state.x, y: state.y, width: state.width, height: state.height };
  const home = bestOverlap(bounds, screen.getAllDisplays());
  if (!home) {
    const area = screen.getPrimaryDisplay().workArea;
    const size = fitSize(state, area);
    return {
      ...state,
      ...size,
      x: area.x + Math.floor((area.width - size.width) / 2),
      y: area.y + Math.floor((area.height - size.height) / 2),
    };
  }
  const size = fitSize(state, home);
  return {
    ...state,
    ...size,
    x: clamp(state.x, home.x, home.x + home.width - size.width),
    y: clamp(state.y, home.y, home.y + home.height - size.height),
  };
}

function bestOverlap(
  bounds: Rectangle,
  displays: ReadonlyArray<{ workArea: Rectangle }>,
): Rectangle | undefined {
  let best: Rectangle | undefined;
  let bestArea = 0;
  for (const { workArea } of displays) {
    const area = overlapArea(bounds, workArea);
    if (area > bestArea) {
      best = workArea;
      bestArea = area;
    }
  }
  return best;
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** No larger than the work area; no smaller than the window's minimum unless the screen is. */
function fitSize(state: WindowState, area: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(Math.max(state.width, MIN_WINDOW_WIDTH), area.width),
    height: Math.min(Math.max(state.height, MIN_WINDOW_HEIGHT), area.height),
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
