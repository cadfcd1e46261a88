import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootStep } from '../../support/electron-stand-in/boot-plan';
import { startRegistry, type TestRegistry } from '../../support/registry';
import { bootMainBundle, makeChildHome, repoRoot, type BootRun, type ChildHome } from './boot-child-process';
import { bootProblems, journalDuring, stepValue } from './checks';

// The Electron-only paths of publishing and downloading (native pickers, drops, OS notifications,
// the file manager, dragging a download out), through the built main bundle with a recording mock of `electron`, against a
// real registry: what unit tests of the services cannot show is that main wires them to Electron.

const mainBundle = join(repoRoot, 'out', 'electron', 'main.cjs');
const REPOSITORY = 'boot/picked';

let registry: TestRegistry;
let childHome: ChildHome;
let run: BootRun;
let files: { readme: string; notes: string; dropped: string; notDropped: string; downloads: string };

interface Envelope<T = unknown> {
  ok: boolean;
  value: T;
  error?: { code: string; message: string };
}

beforeAll(async () => {
  if (!existsSync(mainBundle)) throw new Error(`${mainBundle} is missing: run \`npm run build\` first (npm test does).`);
  registry = await startRegistry();
  childHome = await makeChildHome();
  const { home } = childHome;
  await mkdir(join(home, 'picked'));
  await mkdir(join(home, 'drop'));
  files = {
    readme: join(home, 'picked', 'README.md'),
    notes: join(home, 'picked', 'notes.txt'),
    dropped: join(home, 'drop', 'dropped.txt'),
    notDropped: join(home, 'drop', 'not-dropped.txt'),
    downloads: join(home, 'Downloads'),
  };
  await writeFile(files.readme, '# Picked in the native dialog\n');
  await writeFile(files.notes, 'published through the built bundle\n');
  await writeFile(files.dropped, 'dropped on the window\n');
  await writeFile(files.notDropped, 'never dropped\n');
  await mkdir(files.downloads);
  const registryId = '{{added.value.id}}';
  const steps: BootStep[] = [
    { label: 'added', kind: 'call', name: 'registries.add', input: { url: registry.host } },
    { kind: 'answer-dialog', answer: { canceled: false, filePaths: [files.readme, files.notes] } },
    { label: 'picked', kind: 'call', name: 'publish.pick', input: { mode: 'files' } },
    { label: 'draft', kind: 'call', name: 'publish.open', input: { sources: '{{picked.value}}', target: { registryId, repository: REPOSITORY } } },
    {
      label: 'started',
      kind: 'call',
      name: 'publish.start',
      input: { draftId: '{{draft.value.draftId}}', registryId, repository: REPOSITORY, tags: ['v1'], kind: 'files', created: { mode: 'off' } },
    },
    { label: 'notified', kind: 'wait-for', api: 'Notification#show', count: 1, timeoutMs: 15_000 },
    { label: 'pick-cancelled', kind: 'call', name: 'publish.pick', input: { mode: 'folder' } },

    { label: 'drop', kind: 'drop', paths: [files.dropped] },
    { label: 'drop-from-elsewhere', kind: 'drop', paths: [files.notDropped], sender: 'other-origin' },
    { label: 'open-dropped', kind: 'call', name: 'publish.open', input: { sources: [{ type: 'path', path: files.dropped }] } },
    { label: 'open-not-dropped', kind: 'call', name: 'publish.open', input: { sources: [{ type: 'path', path: files.notDropped }] } },
    { label: 'discard', kind: 'call', name: 'publish.discard', input: { draftId: '{{open-dropped.value.draftId}}' } },

    { kind: 'answer-dialog', answer: { canceled: false, filePaths: [files.downloads] } },
    { label: 'folder', kind: 'call', name: 'downloads.pickFolder', input: {} },
    { label: 'folder-cancelled', kind: 'call', name: 'downloads.pickFolder', input: {} },
    { label: 'download', kind: 'call', name: 'downloads.start', input: { registryId, repository: REPOSITORY, reference: 'v1', mode: 'files', folder: '{{folder.value}}' } },
    { label: 'open-folder', kind: 'call', name: 'downloads.openFolder', input: { transferId: '{{download.value.transferId}}' }, until: { path: 'ok', equals: true, withinMs: 15_000 } },
    { label: 'drag-out', kind: 'call', name: 'downloads.dragOut', input: { transferId: '{{download.value.transferId}}' } },
    { label: 'close', kind: 'close-window' },
  ];
  run = await bootMainBundle({ bundle: mainBundle, childHome, steps });
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

describe('publish and download through the built main bundle with a mock electron (recording stand-in)', () => {
  it('runs every step and exits on its own after the window closes', () => {
    expect(bootProblems(run)).toEqual([]);
    expect(run.report.steps.filter((step) => !step.ok)).toEqual([]);
  });

  it('publish.pick returns the files picked in the native dialog, opened on the main window for several files', () => {
    expect(stepValue(run.report, 'picked')).toEqual({ ok: true, value: [{ type: 'path', path: files.readme }, { type: 'path', path: files.notes }] });
    const dialogs = journalDuring(run.report, 'picked').filter((entry) => entry.api === 'dialog.showOpenDialog');
    expect(dialogs.map((entry) => entry.args)).toEqual([['[BrowserWindow 1]', expect.objectContaining({ properties: ['openFile', 'multiSelections'] })]]);
    expect(stepValue(run.report, 'pick-cancelled')).toEqual({ ok: true, value: [] });
  });

  it('a finished publish of the picked files raises an OS notification, and the artifact is in the registry', async () => {
    expect(stepValue<Envelope>(run.report, 'started').ok).toBe(true);
    const shown = run.report.journal.filter((entry) => entry.api === 'Notification#show');
    expect(shown.map((entry) => entry.args[0])).toEqual([{ title: 'Published', body: expect.stringMatching(new RegExp(`^${REPOSITORY}:v1 sha256:[0-9a-f]{64}$`)) }]);
    const tags = (await (await fetch(`${registry.url}/v2/${REPOSITORY}/tags/list`)).json()) as { tags: string[] };
    expect(tags.tags).toEqual(['v1']);
  });

  it('publish.open takes a path dropped on the window, and refuses one reported by another frame', () => {
    const opened = stepValue<Envelope<{ entries: Array<{ name: string }> }>>(run.report, 'open-dropped');
    expect(opened.ok).toBe(true);
    expect(opened.value.entries.map((entry) => entry.name)).toEqual(['dropped.txt']);
    expect(stepValue<Envelope>(run.report, 'open-not-dropped')).toMatchObject({ ok: false, error: { code: 'denied' } });
  });

  it('downloads.pickFolder returns the folder chosen in the native dialog (which may create one), and null when cancelled', () => {
    expect(stepValue(run.report, 'folder')).toEqual({ ok: true, value: files.downloads });
    const dialogs = journalDuring(run.report, 'folder').filter((entry) => entry.api === 'dialog.showOpenDialog');
    expect(dialogs.map((entry) => entry.args)).toEqual([['[BrowserWindow 1]', expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] })]]);
    expect(stepValue(run.report, 'folder-cancelled')).toEqual({ ok: true, value: null });
  });

  it('a finished download opens its folder in the file manager, and the files are there', async () => {
    expect(stepValue(run.report, 'open-folder')).toEqual({ ok: true, value: null });
    const opened = journalDuring(run.report, 'open-folder').filter((entry) => entry.api === 'shell.openPath');
    expect(opened.map((entry) => entry.args[0])).toEqual([files.downloads]);
    expect(await readFile(join(files.downloads, 'README.md'), 'utf8')).toBe(await readFile(files.readme, 'utf8'));
    expect(await readFile(join(files.downloads, 'notes.txt'), 'utf8')).toBe(await readFile(files.notes, 'utf8'));
  });

  it('a finished download is dragged out of the main window: webContents.startDrag gets the downloaded files and the app icon', async () => {
    expect(stepValue(run.report, 'drag-out')).toEqual({ ok: true, value: null });
    const downloads = await realpath(files.downloads);
    const drags = journalDuring(run.report, 'drag-out').filter((entry) => entry.api === 'webContents#startDrag');
    expect(drags.map((entry) => entry.args)).toEqual([
      [{ file: join(downloads, 'README.md'), files: [join(downloads, 'README.md'), join(downloads, 'notes.txt')], icon: '[NativeImage 64x64]' }],
    ]);
  });
});
