import { messageOf } from '../lib/api';

/**
 * What the host says about a typed path (a download folder, an export target): checked a moment
 * after typing stops, or at once; only the latest check's answer is kept, so a slow answer about
 * what was typed before never replaces a newer one.
 */
export class PathCheck<T> {
  result = $state.raw<T | null>(null);
  checking = $state(false);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  /** `run` asks the host about a trimmed, non-empty path; `failed` turns its error into an answer that names the problem. */
  constructor(
    private readonly run: (path: string) => Promise<T>,
    private readonly failed: (path: string, problem: string) => T,
    private readonly delayMs = 250,
  ) {}

  /** The path changed: forget the last answer, check `path()` (the path then) once typing pauses. */
  typed(path: () => string): void {
    this.result = null;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.now(path()), this.delayMs);
  }

  async now(typed: string): Promise<void> {
    const seq = ++this.seq;
    const path = typed.trim();
    if (!path) {
      this.checking = false;
      return;
    }
    this.checking = true;
    try {
      const result = await this.run(path);
      if (seq === this.seq) this.result = result;
    } catch (error) {
      if (seq === this.seq) this.result = this.failed(path, messageOf(error));
    } finally {
      if (seq === this.seq) this.checking = false;
    }
  }

  /** An answer from elsewhere (the folder just created), or none; a check still running is dropped. */
  set(result: T | null): void {
    this.stop();
    this.result = result;
  }

  /** Drops the pending and the running check (the dialog closes). */
  stop(): void {
    clearTimeout(this.timer);
    this.seq += 1;
    this.checking = false;
  }
}
