import type { PreloadRun } from '../../support/electron-stand-in/preload-sandbox';

const BRIDGE_KEYS = ['call', 'on', 'pathForFile'];

/** What is wrong with a preload as the sandbox ran it: it failed, asked for Node, or exposed the wrong thing. */
export function preloadProblems(run: PreloadRun): string[] {
  const problems: string[] = [];
  if (run.error !== undefined) problems.push(`evaluating it threw: ${run.error.message}`);
  for (const id of run.refused) problems.push(`required ${id}, which a sandboxed preload cannot load`);
  const keys = [...run.exposed.keys()];
  if (keys.length !== 1 || keys[0] !== 'stevedore') problems.push(`exposed ${JSON.stringify(keys)} instead of exactly ["stevedore"]`);
  const bridge = run.exposed.get('stevedore');
  if (typeof bridge !== 'object' || bridge === null) return [...problems, 'window.stevedore is not an object'];
  const own = Object.keys(bridge).sort();
  if (JSON.stringify(own) !== JSON.stringify([...BRIDGE_KEYS].sort())) problems.push(`window.stevedore has ${JSON.stringify(own)}, not the Bridge's ${JSON.stringify(BRIDGE_KEYS)}`);
  for (const [key, value] of Object.entries(bridge)) {
    if (typeof value !== 'function') problems.push(`window.stevedore.${key} is a ${typeof value}, not a function`);
  }
  return problems;
}
