import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import type { Journal } from '../../tests/support/electron-stand-in/journal';
import type { MainStandIn } from '../../tests/support/electron-stand-in/main-stand-in';
import { ContractError } from '../../shared/contract';
import { createLogger } from '../log/logger';
import { createDesktopIntegration } from './desktop-integration';
import { DropAllowList } from './dropped-paths';

const held = vi.hoisted(() => ({ standIn: undefined as MainStandIn | undefined, journal: undefined as Journal | undefined }));

vi.mock('electron', async () => {
  const { createMainStandIn } = await import('../../tests/support/electron-stand-in/main-stand-in');
  const { Journal } = await import('../../tests/support/electron-stand-in/journal');
  held.journal = new Journal();
  held.standIn = createMainStandIn(
    { appPath: '/', userData: '/', home: '/', version: '0', singleInstanceLock: true, notificationsSupported: true, openDialogAnswers: [], openPathAnswers: [] },
    held.journal,
  );
  held.standIn.app.becomeReady();
  return { ...held.standIn.electron };
});

const log = createLogger('test', 'error');
let dir: string;
let window: BrowserWindow;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-desktop-integration-'));
  const { BrowserWindow: WindowClass } = await import('electron');
  window = new WindowClass({});
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  held.journal!.entries.length = 0;
  held.standIn!.options.notificationsSupported = true;
});

const standIn = () => held.standIn!;
const calls = (api: string) => held.journal!.calls(api).map((entry) => entry.args);

describe('the desktop HostIntegration with a mock electron (recording stand-in)', () => {
  it('pickPaths("files") opens the native dialog on the main window for several files and returns the absolute paths picked', async () => {
    standIn().options.openDialogAnswers.push({ canceled: false, filePaths: ['/home/u/a.txt', 'relative/b.txt', '/home/u/c.txt'] });
    const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => window, log });
    await expect(integration.pickPaths('files')).resolves.toEqual(['/home/u/a.txt', '/home/u/c.txt']);
    expect(calls('dialog.showOpenDialog')).toEqual([['[BrowserWindow 1]', expect.objectContaining({ properties: ['openFile', 'multiSelections'] })]]);
  });

  it('pickPaths("folder") asks for one folder, without a parent when there is no window', async () => {
    standIn().options.openDialogAnswers.push({ canceled: false, filePaths: ['/home/u/site'] });
    const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => null, log });
    await expect(integration.pickPaths('folder')).resolves.toEqual(['/home/u/site']);
    expect(calls('dialog.showOpenDialog')).toEqual([[null, expect.objectContaining({ properties: ['openDirectory'] })]]);
  });

  it('a cancelled dialog picks nothing', async () => {
    standIn().options.openDialogAnswers.push({ canceled: true, filePaths: ['/ignored'] });
    const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => window, log });
    await expect(integration.pickPaths('files')).resolves.toEqual([]);
  });

  it('pickFolder lets the user create a folder and answers null when cancelled', async () => {
    const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => window, log });
    standIn().options.openDialogAnswers.push({ canceled: false, filePaths: ['/home/u/Downloads/new'] });
    await expect(integration.pickFolder()).resolves.toBe('/home/u/Downloads/new');
    await expect(integration.pickFolder()).resolves.toBeNull();
    expect(calls('dialog.showOpenDialog')[0]?.[1]).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
  });

  it('pickLayout asks for one layout folder, or one .tar archive, and answers null when cancelled', async () => {
    const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => window, log });
    standIn().options.openDialogAnswers.push({ canceled: false, filePaths: ['/home/u/app-layout'] }, { canceled: false, filePaths: ['/home/u/app.tar'] });
    await expect(integration.pickLayout('folder')).resolves.toBe('/home/u/app-layout');
    await expect(integration.pickLayout('archive')).resolves.toBe('/home/u/app.tar');
    await expect(integration.pickLayout('archive')).resolves.toBeNull();
    expect(calls('dialog.showOpenDialog').map((args) => args[1])).toEqual([
      expect.objectContaining({ title: 'Open an OCI layout folder', properties: ['openDirectory'] }),
      expect.objectContaining({ title: 'Open an oci-archive', properties: ['openFile'], filters: [{ name: 'OCI archive', extensions: ['tar'] }, { name: 'All files', extensions: ['*'] }] }),
      expect.objectContaining({ title: 'Open an oci-archive' }),
    ]);
  });

  it('notify shows an OS notification when the system supports them, and does nothing otherwise', () => {
    const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => window, log });
    integration.notify('Published', 'docs:v1 sha256:abc');
    expect(calls('Notification#show')).toEqual([[{ title: 'Published', body: 'docs:v1 sha256:abc' }]]);
    standIn().options.notificationsSupported = false;
    integration.notify('Published', 'again');
    expect(calls('Notification#show')).toHaveLength(1);
  });

  it('openFolder opens the folder in the file manager and reports its error string', async () => {
    const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => window, log });
    await expect(integration.openFolder('/home/u/Downloads')).resolves.toBeUndefined();
    standIn().options.openPathAnswers.push('No application is registered for folders');
    const failure = integration.openFolder('/home/u/Downloads');
    await expect(failure).rejects.toBeInstanceOf(ContractError);
    await expect(failure).rejects.toThrow('The file manager could not open Downloads: No application is registered for folders');
    await expect(integration.openFolder('relative/folder')).rejects.toMatchObject({ code: 'invalid-input' });
    expect(calls('shell.openPath')).toEqual([['/home/u/Downloads'], ['/home/u/Downloads']]);
  });

  it('takeDropped takes paths the preload reported, once, and refuses any other', async () => {
    const file = join(dir, 'dropped.txt');
    await writeFile(file, 'hello');
    const drops = new DropAllowList();
    drops.register([file]);
    const integration = createDesktopIntegration({ drops, mainWindow: () => window, log });
    await expect(integration.takeDropped([file])).resolves.toEqual([{ path: file, kind: 'file', size: 5 }]);
    await expect(integration.takeDropped([file])).rejects.toMatchObject({ code: 'denied' });
  });

  describe('startDrag (a download dragged out of the window)', () => {
    let folder: string;
    let elsewhere: string;

    beforeAll(async () => {
      folder = join(await realpath(dir), 'downloaded');
      elsewhere = join(await realpath(dir), 'elsewhere');
      await mkdir(join(folder, 'site'), { recursive: true });
      await mkdir(elsewhere);
      await writeFile(join(folder, 'chart.tgz'), 'chart');
      await writeFile(join(elsewhere, 'secret.txt'), 'not part of the download');
      await symlink(elsewhere, join(folder, 'linked'));
    });

    it('starts an OS drag on the main window of the paths given, with the 64×64 app icon', () => {
      const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => window, log });
      integration.startDrag([join(folder, 'chart.tgz'), join(folder, 'site')], folder);
      expect(calls('webContents#startDrag')).toEqual([[{ file: join(folder, 'chart.tgz'), files: [join(folder, 'chart.tgz'), join(folder, 'site')], icon: '[NativeImage 64x64]' }]]);
    });

    it('refuses the whole drag when a path lies outside the folder, also through ".." or a symlinked folder', () => {
      const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => window, log });
      for (const outside of [join(elsewhere, 'secret.txt'), `${folder}/../elsewhere/secret.txt`, join(folder, 'linked', 'secret.txt'), join(folder, 'linked'), folder, 'relative.txt']) {
        expect(() => integration.startDrag([join(folder, 'chart.tgz'), outside], folder), outside).toThrow(ContractError);
      }
      expect(() => integration.startDrag([join(elsewhere, 'secret.txt')], folder)).toThrow(/Only files in the download’s folder can be dragged out/);
      expect(calls('webContents#startDrag')).toEqual([]);
    });

    it('leaves out paths no longer on disk, and says so when none is left', () => {
      const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => window, log });
      integration.startDrag([join(folder, 'gone.txt'), join(folder, 'chart.tgz')], folder);
      expect(calls('webContents#startDrag').map((args) => (args[0] as { files: string[] }).files)).toEqual([[join(folder, 'chart.tgz')]]);
      expect(() => integration.startDrag([join(folder, 'gone.txt')], folder)).toThrow(`The downloaded files are no longer in ${folder}.`);
      expect(() => integration.startDrag([join(folder, 'chart.tgz')], join(dir, 'no-such-folder'))).toThrow(/is no longer there/);
    });

    it('without a window, refuses with a message that says what to do', () => {
      const integration = createDesktopIntegration({ drops: new DropAllowList(), mainWindow: () => null, log });
      let thrown: unknown;
      try {
        integration.startDrag([join(folder, 'chart.tgz')], folder);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ContractError);
      expect(thrown).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('There is no window to drag from') });
      expect(calls('webContents#startDrag')).toEqual([]);
    });
  });
});
