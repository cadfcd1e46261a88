import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { BootPlan, BootStep, FetchResult, SenderKind } from './boot-plan';
import type { StandInWebContents } from './web-contents';
import type { Journal } from './journal';
import type { MainStandIn } from './main-stand-in';

const FOREIGN_PAGE = 'https://attacker.example/page.html';

/** An IPC event as Electron builds it for a message from `kind`'s frame. */
export function senderEvent(kind: SenderKind, contents: StandInWebContents): unknown {
  const appUrl = contents.getURL();
  switch (kind) {
    case 'app':
      return { sender: contents, senderFrame: { url: appUrl, parent: null }, frameId: 1, processId: 4 };
    case 'iframe':
      return { sender: contents, senderFrame: { url: appUrl, parent: { url: appUrl } }, frameId: 2, processId: 4 };
    case 'other-origin':
      return { sender: contents, senderFrame: { url: FOREIGN_PAGE, parent: null }, frameId: 1, processId: 4 };
    case 'other-window':
      return { sender: { id: contents.id + 1000 }, senderFrame: { url: appUrl, parent: null }, frameId: 1, processId: 5 };
    case 'gone':
      return { sender: contents, senderFrame: null, frameId: 1, processId: 4 };
  }
}

/** The value at a dotted path (`value.0.state`) in a JSON answer. */
function valueAt(value: unknown, path: string): unknown {
  let found = value;
  for (const key of path.split('.')) found = typeof found === 'object' && found !== null ? (found as Record<string, unknown>)[key] : undefined;
  return found;
}

const REFERENCE = /^\{\{([A-Za-z0-9_.:-]+)\}\}$/;

/**
 * Replaces each string `{{label.path.to.value}}` in a step's input with that value from the result
 * of the earlier step with that label (e.g. the id `registries.add` answered).
 */
export function resolveReferences(input: unknown, results: ReadonlyMap<string, unknown>): unknown {
  if (typeof input === 'string') {
    const match = REFERENCE.exec(input);
    if (match === null) return input;
    const [label = '', ...path] = match[1]!.split('.');
    if (!results.has(label)) throw new Error(`No earlier step is labelled ${label}.`);
    const value = path.length === 0 ? results.get(label) : valueAt(results.get(label), path.join('.'));
    if (value === undefined) throw new Error(`The result of ${label} has no ${path.join('.')}.`);
    return value;
  }
  if (Array.isArray(input)) return input.map((item) => resolveReferences(item, results));
  if (typeof input === 'object' && input !== null) {
    return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, resolveReferences(value, results)]));
  }
  return input;
}

/** Plays one step against the stand-in and returns what the app answered. */
export async function runStep(step: BootStep, standIn: MainStandIn, journal: Journal, plan: BootPlan, results: ReadonlyMap<string, unknown>): Promise<unknown> {
  const window = standIn.windows()[0];
  const contents = window?.webContents;
  const needContents = (): StandInWebContents => {
    if (contents === undefined) throw new Error('There is no window.');
    return contents;
  };
  switch (step.kind) {
    case 'call': {
      const call = () => standIn.ipcMain.invoke(plan.channels.call, senderEvent(step.sender ?? 'app', needContents()), step.name, resolveReferences(step.input, results));
      const until = step.until;
      const deadline = Date.now() + (until?.withinMs ?? 0);
      let answer = await call();
      while (until !== undefined && !isDeepStrictEqual(valueAt(answer, until.path), until.equals) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        answer = await call();
      }
      return answer;
    }
    case 'drop':
      return standIn.ipcMain.deliver(plan.channels.dropped, senderEvent(step.sender ?? 'app', needContents()), step.paths);
    case 'answer-dialog':
      standIn.options.openDialogAnswers.push(step.answer);
      return null;
    case 'fetch':
      return fetchThroughProtocol(standIn, step.url, step.method);
    case 'navigate':
      return { prevented: needContents().navigate(step.url, step.event) };
    case 'open-window':
      return { action: needContents().openWindow(step.url) };
    case 'attach-webview':
      return { prevented: needContents().attachWebview() };
    case 'permission':
      return { requested: await standIn.session.request(step.permission, contents), checked: standIn.session.check(step.permission, contents) };
    case 'second-instance':
      if (step.minimizeFirst) window?.minimize();
      standIn.app.emit('second-instance', { preventDefault() {} }, ['stevedore'], '/', {});
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { windows: standIn.windows().length, minimized: standIn.windows()[0]?.isMinimized() ?? null };
    case 'wait-for':
      await waitFor(() => journal.calls(step.api).length >= step.count, step.timeoutMs, `${step.count} call(s) of ${step.api}`);
      return { count: journal.calls(step.api).length };
    case 'pause':
      await new Promise((resolve) => setTimeout(resolve, step.ms));
      return null;
    case 'close-window':
      if (window === undefined) throw new Error('There is no window to close.');
      window.close();
      return { windows: standIn.windows().length, quitting: standIn.app.quitting };
  }
}

async function fetchThroughProtocol(standIn: MainStandIn, url: string, method?: string): Promise<FetchResult | null> {
  const response = await standIn.protocol.serve(url, method);
  if (response === null) return null;
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    bodyBytes: body.length,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    bodyStart: body.subarray(0, 300).toString('utf8'),
  };
}

export async function waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
