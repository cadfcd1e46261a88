import { loadavg } from 'node:os';
import { median } from '../stats';

/** One run of the folder row: Stevedore's stages beside the tar + curl peer. */
export interface FolderRun {
  openMs: number;
  prepareMs: number;
  pushMs: number;
  peerMs: number;
  load: number;
}

/** One run of the web row: the web host's stages beside the Electron path. */
export interface WebRun {
  uploadMs: number;
  prepareMs: number;
  pushMs: number;
  electronPrepareMs: number;
  electronPushMs: number;
  peakRssBytes: number;
  load: number;
}

/** The 1-minute load average now: the machine is shared, so every run says how busy it was. */
export const loadNow = (): number => loadavg()[0] ?? 0;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const x = (ratio: number) => `${ratio.toFixed(2)}×`;

/** Run by run, with each run's own ratio (peer ÷ Stevedore: above 1 = Stevedore faster) and the median of those. */
export function folderRunTable(runs: readonly FolderRun[]): string[] {
  if (runs.length === 0) return [];
  const ratios = runs.map((r) => r.peerMs / (r.prepareMs + r.pushMs));
  return [
    'Folder row, run by run (Stevedore = open (walk) + pack + push; ratio = peer time ÷ Stevedore time, target ≥ 0.9×):',
    '',
    '| Run | Open | Pack | Push | Stevedore | tar -czf + sha256sum + curl | Ratio | Load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r, i) => `| ${i + 1} | ${s(r.openMs)} | ${s(r.prepareMs - r.openMs)} | ${s(r.pushMs)} | ${s(r.prepareMs + r.pushMs)} | ${s(r.peerMs)} | ${x(ratios[i]!)} | ${r.load.toFixed(1)} |`),
    `| median | ${s(median(runs.map((r) => r.openMs)))} | ${s(median(runs.map((r) => r.prepareMs - r.openMs)))} | ${s(median(runs.map((r) => r.pushMs)))} | ${s(median(runs.map((r) => r.prepareMs + r.pushMs)))} | ${s(median(runs.map((r) => r.peerMs)))} | ${x(median(ratios))} (of ratios) | |`,
    '',
  ];
}

/** Run by run (ratio = web time ÷ Electron time, target ≤ 1.6×). */
export function webRunTable(runs: readonly WebRun[]): string[] {
  if (runs.length === 0) return [];
  const web = (r: WebRun) => r.uploadMs + r.prepareMs + r.pushMs;
  const electron = (r: WebRun) => r.electronPrepareMs + r.electronPushMs;
  const ratios = runs.map((r) => web(r) / electron(r));
  return [
    'Web row, run by run (ratio = web time ÷ Electron time, target ≤ 1.6×):',
    '',
    '| Run | Web: upload | Web: prepare | Web: push | Web total | Electron: prepare + push | Electron total | Ratio | Web host peak RSS | Load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r, i) => `| ${i + 1} | ${s(r.uploadMs)} | ${s(r.prepareMs)} | ${s(r.pushMs)} | ${s(web(r))} | ${s(r.electronPrepareMs)} + ${s(r.electronPushMs)} | ${s(electron(r))} | ${x(ratios[i]!)} | ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB | ${r.load.toFixed(1)} |`),
    `| median | ${s(median(runs.map((r) => r.uploadMs)))} | ${s(median(runs.map((r) => r.prepareMs)))} | ${s(median(runs.map((r) => r.pushMs)))} | ${s(median(runs.map(web)))} | ${s(median(runs.map((r) => r.electronPrepareMs)))} + ${s(median(runs.map((r) => r.electronPushMs)))} | ${s(median(runs.map(electron)))} | ${x(median(ratios))} (of ratios) | max ${(Math.max(...runs.map((r) => r.peakRssBytes)) / 2 ** 20).toFixed(0)} MiB | |`,
    '',
  ];
}
