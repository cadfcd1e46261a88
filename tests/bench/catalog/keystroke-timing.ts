/// <reference lib="dom" />
// Runs in the page (page.evaluate): times each keystroke in the search box to the next paint.

/** One keystroke as the page saw it, in the page's performance.now() time base. */
export interface KeystrokeSample {
  key: string;
  /** The keydown event's timestamp (when the input arrived). */
  keyAt: number;
  /** After the input handlers and the microtasks they queued (Svelte's flush) ran. */
  scriptDoneAt: number;
  /** The next animation frame began (style, layout and paint follow). */
  frameAt: number;
  /** A task posted from that frame ran: the frame has been painted. */
  paintedAt: number;
}

export interface KeystrokeFigures {
  key: string;
  /** Key event to the next paint: what the user waits for. */
  keyToPaintMs: number;
  /** Main-thread work for the keystroke (handlers + Svelte flush, then style/layout/paint): what must fit in a frame. */
  workMs: number;
  /** Of the work: input handlers, the search filter and Svelte's DOM updates. */
  scriptMs: number;
  /** Of the work: the frame's style, layout and paint. */
  renderMs: number;
}

export function figuresOf(sample: KeystrokeSample): KeystrokeFigures {
  const scriptMs = Math.max(0, sample.scriptDoneAt - sample.keyAt);
  const renderMs = Math.max(0, sample.paintedAt - sample.frameAt);
  return { key: sample.key, keyToPaintMs: sample.paintedAt - sample.keyAt, workMs: scriptMs + renderMs, scriptMs, renderMs };
}

declare global {
  interface Window {
    __benchKeys?: KeystrokeSample[];
    __benchEventTiming?: Array<{ name: string; duration: number }>;
  }
}

/**
 * Installs the probes on the search input (passed to page.evaluate, so it must not close over
 * anything): keydown marks the start, the input event's microtask marks the end of the script
 * work, a double hop (rAF, then a posted message) marks the paint. Event Timing entries of 16 ms
 * and more are kept as a second opinion from the browser itself.
 */
export function installKeystrokeProbes(selector: string): void {
  const input = document.querySelector(selector);
  if (!(input instanceof HTMLInputElement)) throw new Error(`no input matches ${selector}`);
  window.__benchKeys = [];
  window.__benchEventTiming = [];
  let pending: { key: string; keyAt: number } | undefined;
  input.addEventListener('keydown', (event) => (pending = { key: event.key, keyAt: event.timeStamp }), true);
  window.addEventListener('input', () => {
    const started = pending;
    pending = undefined;
    if (!started) return;
    let scriptDoneAt = 0;
    queueMicrotask(() => (scriptDoneAt = performance.now()));
    requestAnimationFrame(() => {
      const frameAt = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__benchKeys?.push({ ...started, scriptDoneAt: scriptDoneAt || frameAt, frameAt, paintedAt: performance.now() });
        channel.port1.close();
      };
      channel.port2.postMessage(0);
    });
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'keydown' || entry.name === 'input') window.__benchEventTiming?.push({ name: entry.name, duration: entry.duration });
    }
  }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
}
