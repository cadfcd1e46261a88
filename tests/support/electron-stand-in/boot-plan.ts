import type { JournalEntry } from './journal';
import type { StandInOptions } from './options';

/** Who a message to main claims to come from: the app's top frame, or one the sender check must refuse. */
export type SenderKind = 'app' | 'iframe' | 'other-origin' | 'other-window' | 'gone';

/** One thing the runtime or the user does once the window has loaded, in order; `label` names it in the report. */
export type BootStep = StepAction & { label?: string };

type StepAction =
  /**
   * A contract call; strings `{{label.path}}` in the input take that value from an earlier step's
   * result. `until`: call again until the answer has `equals` at `path` (e.g. `ok` is true once a
   * transfer has finished), for up to `withinMs`.
   */
  | { kind: 'call'; name: string; input: unknown; sender?: SenderKind; until?: { path: string; equals: unknown; withinMs: number } }
  | { kind: 'drop'; paths: unknown; sender?: SenderKind }
  /** What the next native open dialog answers (the user picks these, or cancels). */
  | { kind: 'answer-dialog'; answer: { canceled: boolean; filePaths: string[] } }
  | { kind: 'fetch'; url: string; method?: string }
  | { kind: 'navigate'; url: string; event?: 'will-navigate' | 'will-redirect' }
  | { kind: 'open-window'; url: string }
  | { kind: 'attach-webview' }
  | { kind: 'permission'; permission: string }
  | { kind: 'second-instance'; minimizeFirst: boolean }
  /** Waits until the journal holds `count` calls of `api` (e.g. a notification after a transfer). */
  | { kind: 'wait-for'; api: string; count: number; timeoutMs: number }
  /** Lets the app work for a while (a transfer gets going) before the next step. */
  | { kind: 'pause'; ms: number }
  /** The user closes the window; on Linux that quits the app. */
  | { kind: 'close-window' };

export interface BootPlan {
  /** The built main bundle to load. */
  bundle: string;
  standIn: StandInOptions;
  channels: { call: string; dropped: string };
  steps: BootStep[];
  /** How long the app may take from loading the bundle to a loaded window. */
  openTimeoutMs: number;
  stepTimeoutMs: number;
  /** After the last step: how long the process may stay alive before its open handles are reported. */
  lingerMs: number;
}

export interface FetchResult {
  status: number;
  headers: Record<string, string>;
  bodyBytes: number;
  bodySha256: string;
  bodyStart: string;
}

export type StepResult = { step: BootStep; ok: true; value: unknown } | { step: BootStep; ok: false; error: string };

export interface BootReport {
  /** `ran`: the window loaded and every step ran; `quit-before-ready`: main quit at once (second launch). */
  outcome: 'ran' | 'quit-before-ready' | 'did-not-open' | 'crashed';
  error?: string;
  /** Loading (evaluating) the bundle, in ms. */
  requireMs: number;
  /** From loading the bundle to the first `BrowserWindow#loadURL`, in ms (ready is emitted right after loading). */
  firstLoadUrlMs: number | null;
  steps: StepResult[];
  journal: JournalEntry[];
  /** Uncaught exceptions and unhandled rejections, with their stacks. */
  uncaught: string[];
  /** What still kept the process alive after the last step; empty when it ended on its own. */
  lingering: string[];
}
