import { execFileSync } from 'node:child_process';

/**
 * Logs `label`, then runs the contenders one at a time, starting with a different one each run
 * so no one always goes first (cold) or last; `sync` before each so nobody pays for another's
 * dirty pages; `after` (clean-up) after each.
 */
export async function inRotation(run: number, label: string, contenders: ReadonlyArray<() => Promise<void>>, after?: () => Promise<unknown>): Promise<void> {
  process.stderr.write(`${label}\n`);
  for (let index = 0; index < contenders.length; index += 1) {
    execFileSync('sync');
    await (contenders[(index + run - 1) % contenders.length] as () => Promise<void>)();
    await after?.();
  }
}
