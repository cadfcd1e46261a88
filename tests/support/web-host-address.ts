import type { ChildProcess } from 'node:child_process';

/**
 * The address a starting web host prints (`http://127.0.0.1:<port>/?token=…`), read from its stdout;
 * rejects with what it said (`output()`) if it exits first or prints nothing in time.
 */
export function webHostAddress(child: ChildProcess, timeoutMs: number, output: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`The web host did not print its address within ${timeoutMs / 1000} s:\n${output()}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const found = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(stdout)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The web host exited (code ${String(code)}) before it was ready:\n${output()}`));
    });
  });
}
