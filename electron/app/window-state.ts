export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;
const MAX_COORDINATE = 100_000;

/** A saved window state read from disk, or null when it is missing, malformed or absurd. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  const numbers = [x, y, width, height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= MAX_COORDINATE)) return null;
  if ((width as number) <= 0 || (height as number) <= 0) return null;
  return {
    bounds: { x: Math.round(x as number), y: Math.round(y as number), width: Math.round(width as number), height: Math.round(height as number) },
    maximized: maximized === true,
  };
}

/**
 * Where to put a window saved at `saved` on today's displays (their work areas, the primary
 * first): on the display it overlaps most, shrunk to fit and moved fully inside; centred on the
 * primary display when it overlaps none (a monitor was unplugged) or there is nothing saved.
 */
export function clampToDisplays(saved: Rect | null, workAreas: readonly Rect[]): Rect {
  const primary = workAreas[0];
  if (primary === undefined) return { x: 0, y: 0, width: saved?.width ?? DEFAULT_SIZE.width, height: saved?.height ?? DEFAULT_SIZE.height };
  const target = saved === null ? undefined : bestDisplay(saved, workAreas);
  const area = target ?? primary;
  const width = fit(saved?.width ?? DEFAULT_SIZE.width, MIN_SIZE.width, area.width);
  const height = fit(saved?.height ?? DEFAULT_SIZE.height, MIN_SIZE.height, area.height);
  if (saved === null || target === undefined) {
    return { x: area.x + Math.floor((area.width - width) / 2), y: area.y + Math.floor((area.height - height) / 2), width, height };
  }
  return {
    x: Math.min(Math.max(saved.x, area.x), area.x + area.width - width),
    y: Math.min(Math.max(saved.y, area.y), area.y + area.height - height),
    width,
    height,
  };
}

function bestDisplay(rect: Rect, areas: readonly Rect[]): Rect | undefined {
  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const area of areas) {
    const overlap = overlapArea(rect, area);
    if (overlap > bestOverlap) {
      best = area;
      bestOverlap = overlap;
    }
  }
  return best;
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** At least `min` unless the display itself is smaller, never larger than the display. */
function fit(value: number, min: number, available: number): number {
  return Math.min(Math.max(value, Math.min(min, available)), available);
}
