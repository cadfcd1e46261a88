import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-origin';
import { isTrustedSender } from './sender-check';

const trusted = { webContentsId: 7, appOrigin: APP_ORIGIN };
const top = { url: 'app://stevedore/index.html', parent: null };

describe('isTrustedSender', () => {
  it('trusts the top frame of our window showing our UI', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: top }, trusted)).toBe(true);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: { url: 'app://stevedore/#/registries?x=1', parent: null } }, trusted)).toBe(true);
  });
  it('refuses a frame that is gone', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: null }, trusted)).toBe(false);
  });
  it('refuses another window, even on our origin', () => {
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: top }, trusted)).toBe(false);
  });
  it('refuses a subframe, even on our origin', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: { url: 'app://stevedore/frame.html', parent: top } }, trusted)).toBe(false);
  });
  it('refuses our window after it navigated elsewhere', () => {
    for (const url of ['https://evil.example/', 'app://stevedore.evil/', 'file:///tmp/x.html', 'about:blank', 'data:text/html,x', 'http://localhost:5173/']) {
      expect(isTrustedSender({ sender: { id: 7 }, senderFrame: { url, parent: null } }, trusted), url).toBe(false);
    }
  });
  it('trusts a dev server origin when that is the app origin', () => {
    const dev = { webContentsId: 7, appOrigin: 'http://localhost:5173' };
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: { url: 'http://localhost:5173/', parent: null } }, dev)).toBe(true);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: top }, dev)).toBe(false);
  });
});
