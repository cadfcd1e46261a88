import { describe, expect, it } from 'vitest';
import { calls } from '../../../shared/contract';
import { runPreloadInSandbox } from '../../support/electron-stand-in/preload-sandbox';
import { bootMainBundle, makeChildHome } from './boot-child-process';
import { buildMainThatKeepsATimer, buildMainWithoutAHandler, buildPreloadRequiringFs } from './broken-bundles';
import { callSamples } from './call-samples';
import { bootProblems, callLabel, callsMissingTheirService } from './checks';
import { REMOVED_HANDLER } from './fixtures/removed-handler';
import { preloadProblems } from './preload-checks';

// The checks of main-bundle.test.ts and preload-bundle.test.ts, run against deliberately broken
// builds (tests/integration/boot/fixtures/): each must fail, or the boot tests prove nothing.

describe('the boot checks catch broken bundles (mock electron)', () => {
  it('a main bundle missing one handler fails the every-call check, naming that call', async () => {
    const bundle = await buildMainWithoutAHandler();
    const childHome = await makeChildHome();
    const samples = callSamples(childHome.home);
    const names = Object.keys(calls);
    const run = await bootMainBundle({
      bundle,
      childHome,
      steps: [...names.map((name) => ({ label: callLabel(name), kind: 'call' as const, name, input: samples[name] })), { kind: 'close-window' }],
    });
    expect(bootProblems(run)).toEqual([]);
    expect(callsMissingTheirService(run.report, names)).toEqual([expect.stringMatching(new RegExp(`^${REMOVED_HANDLER.replace('.', '\\.')}: .*"code":"internal"`))]);
  }, 90_000);

  it('a main bundle that leaves a timer running fails the exits-on-its-own check, naming what is still open', async () => {
    const run = await bootMainBundle({ bundle: await buildMainThatKeepsATimer(), childHome: await makeChildHome(), steps: [{ kind: 'close-window' }], lingerMs: 2000 });
    expect(run.report.outcome).toBe('ran');
    expect(bootProblems(run)).toEqual(['exit code 3', 'still open after quit: Timeout']);
  }, 60_000);

  it('a preload that requires node:fs fails the sandbox check: it throws, asks for node:fs and exposes no bridge', async () => {
    const run = await runPreloadInSandbox(await buildPreloadRequiringFs());
    expect(preloadProblems(run)).toEqual([
      'evaluating it threw: module not found: node:fs',
      'required node:fs, which a sandboxed preload cannot load',
      'exposed [] instead of exactly ["stevedore"]',
      'window.stevedore is not an object',
    ]);
  }, 30_000);
});
