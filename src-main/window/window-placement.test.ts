import { describe, expect, it } from 'vitest';
import type { Rectangle } from 'electron';
import type { DisplaySource } from './window-placement';
import { fitToDisplays } from './window-placement';
import type { WindowState } from './window-state';

/** Displays by work area; the first is the primary one. */
function screenWith(...workAreas: Rectangle[]): DisplaySource {
  const [primary] = workAreas;
  if (!primary) throw new Error('a screen needs a display');
  return {
    getAllDisplays: () => workAreas.map((workArea) => ({ workArea })),
    getPrimaryDisplay: () => ({ workArea: primary }),
  };
}

// A 1920x1080 laptop with a task bar, and a 2560x1440 monitor to its left.
const LAPTOP: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 };
const LEFT_MONITOR: Rectangle = { x: -2560, y: 0, width: 2560, height: 1400 };

function state(x: number, y: number, width: number, height: number, isMaximized = false): WindowState {
  return { x, y, width, height, isMaximized };
}

describe('fitToDisplays', () => {
  it('keeps a window that is fully on a display where it was', () => {
    expect(fitToDisplays(state(100, 80, 1000, 700), screenWith(LAPTOP))).toEqual(state(100, 80, 1000, 700));
    expect(fitToDisplays(state(-2000, 100, 1200, 800), screenWith(LAPTOP, LEFT_MONITOR))).toEqual(
      state(-2000, 100, 1200, 800),
    );
  });

  it('centres a window on the primary display when its monitor was unplugged', () => {
    const placed = fitToDisplays(state(-2000, 100, 1200, 800, true), screenWith(LAPTOP));
    expect(placed).toEqual({ x: 360, y: 120, width: 1200, height: 800, isMaximized: true });
  });

  it('pulls a window that hangs over an edge fully back onto its display', () => {
    expect(fitToDisplays(state(1500, 900, 1000, 700), screenWith(LAPTOP))).toEqual(
      state(920, 340, 1000, 700),
    );
    // The title bar above the top of the screen could not be grabbed any more.
    expect(fitToDisplays(state(100, -300, 1000, 700), screenWith(LAPTOP))).toEqual(state(100, 0, 1000, 700));
  });

  it('moves a window that straddles two displays onto the one it covers most', () => {
    // 300 px on the left monitor, 900 px on the laptop.
    expect(fitToDisplays(state(-300, 100, 1200, 800), screenWith(LAPTOP, LEFT_MONITOR))).toEqual(
      state(0, 100, 1200, 800),
    );
    // 900 px on the left monitor, 300 px on the laptop.
    expect(fitToDisplays(state(-900, 100, 1200, 800), screenWith(LAPTOP, LEFT_MONITOR))).toEqual(
      state(-1200, 100, 1200, 800),
    );
  });

  it('shrinks a window larger than the display it lands on (the resolution went down)', () => {
    const small: Rectangle = { x: 0, y: 0, width: 1280, height: 680 };
    expect(fitToDisplays(state(200, 100, 2400, 1300), screenWith(small))).toEqual(state(0, 0, 1280, 680));
  });

  it('grows a window below the minimum size, unless the display itself is smaller', () => {
    expect(fitToDisplays(state(10, 10, 200, 100), screenWith(LAPTOP))).toEqual(state(10, 10, 720, 540));
    const tiny: Rectangle = { x: 0, y: 0, width: 600, height: 400 };
    expect(fitToDisplays(state(0, 0, 800, 600), screenWith(tiny))).toEqual(state(0, 0, 600, 400));
  });

  it('honours a work area that does not start at 0,0 (a task bar on the left or top)', () => {
    const area: Rectangle = { x: 64, y: 32, width: 1856, height: 1048 };
    expect(fitToDisplays(state(0, 0, 800, 600), screenWith(area))).toEqual(state(64, 32, 800, 600));
  });

  it('only fits the size of a window that was never placed, leaving the position to the OS', () => {
    const small: Rectangle = { x: 0, y: 0, width: 1024, height: 700 };
    expect(fitToDisplays({ width: 1100, height: 750, isMaximized: false }, screenWith(small))).toEqual({
      width: 1024,
      height: 700,
      isMaximized: false,
    });
  });
});
