import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, keyringTest as test } from './fixtures';
import { LoginsPage } from './pages/logins-page';

interface Frame {
  direction: 'sent' | 'received';
  text: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

// Stays in the suite for good: a secret typed into the login dialog crosses to the main process once and goes nowhere else.
test('secret sweep: passwords never reach the DOM, storage, other WebSocket frames, the log or the data folder', async ({ page, webHost, loginRegistry }) => {
  const password = loginRegistry.users.alice!;
  const wrong = `wrong-${Date.now().toString(36)}-secret`;
  const basic = Buffer.from(`alice:${password}`).toString('base64');
  const secrets = { password, wrong, basic };

  const frames: Frame[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (f) => frames.push({ direction: 'sent', text: typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8') }));
    socket.on('framereceived', (f) => frames.push({ direction: 'received', text: typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8') }));
  });
  const snapshots: string[] = [];
  const snapshot = async () => snapshots.push(await page.content());

  const app = new LoginsPage(page);
  await app.open(webHost.url);
  await app.addWithMouse(loginRegistry.host, 'Team');
  await expect(app.status('Team')).toContainText('login needed');

  await app.openLogin('Team');
  await app.login('alice', wrong);
  await expect(app.loginError).toContainText('refused');
  await snapshot();
  await app.secretInput.fill(password);
  await snapshot();
  await app.loginButton.click();
  await expect(app.loginDialog).toBeHidden();
  await expect(app.status('Team')).toHaveAccessibleDescription(/connected as alice/);
  await snapshot();
  await app.status('Team').click();
  await expect(app.status('Team')).toHaveAccessibleDescription(/connected as alice/);
  await (await app.action('Team', 'Edit')).click();
  await page.getByRole('dialog', { name: 'Edit Team' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit Team' })).toBeHidden();
  await (await app.action('Team', 'Log out alice')).click();
  await expect(app.status('Team')).toContainText('login needed');
  await page.reload();
  await expect(app.status('Team')).toContainText('login needed');
  await snapshot();

  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  const cookies = (await page.context().cookies()).filter((c) => !c.name.startsWith('stevedore_session_')).map((c) => c.value);
  const dataFiles = await filesUnder(webHost.dataDir);
  expect(dataFiles.length).toBeGreaterThan(0);

  for (const [name, secret] of Object.entries(secrets)) {
    for (const [i, html] of snapshots.entries()) expect(html.includes(secret), `${name} in DOM snapshot ${i}`).toBe(false);
    expect(storage.includes(secret), `${name} in web storage`).toBe(false);
    expect(cookies.some((v) => v.includes(secret)), `${name} in a cookie`).toBe(false);
    expect(webHost.output().includes(secret), `${name} in the web host's stdout/stderr`).toBe(false);
    for (const file of dataFiles) expect((await readFile(file, 'latin1')).includes(secret), `${name} in ${file}`).toBe(false);
    expect(frames.filter((f) => f.direction === 'received' && f.text.includes(secret)), `${name} in a received frame`).toEqual([]);
  }
  // Each typed secret crossed exactly once, in the one frame that sent logins.login with it.
  for (const secret of [wrong, password]) {
    const carrying = frames.filter((f) => f.direction === 'sent' && f.text.includes(secret));
    expect(carrying).toHaveLength(1);
    expect(carrying[0]!.text).toContain('"logins.login"');
  }
  expect(frames.filter((f) => f.text.includes(basic))).toEqual([]);
  expect(frames.filter((f) => f.direction === 'sent' && f.text.includes('"logins.login"'))).toHaveLength(2);
});
