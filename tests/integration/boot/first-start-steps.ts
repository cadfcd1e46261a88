import type { BootStep, SenderKind } from '../../support/electron-stand-in/boot-plan';
import { callLabel } from './checks';

/** Paths the app protocol must refuse: climbing out of out/renderer, other hosts, files that are not there. */
export const OUTSIDE_URLS = [
  'app://stevedore/../../package.json',
  'app://stevedore/%2e%2e/%2e%2e/package.json',
  'app://stevedore/..%2f..%2fpackage.json',
  'app://stevedore/assets/..%5c..%5c..%5cpackage.json',
  'app://stevedore/%00index.html',
  'app://another-host/index.html',
  'app://stevedore/no-such-file.html',
  'app://stevedore/assets',
];

export const FOREIGN_SENDERS: SenderKind[] = ['iframe', 'other-origin', 'other-window', 'gone'];

/** Links the page might try to follow: only the allow-listed https one may reach the OS browser. */
export const ALLOWED_LINK = 'https://github.com/oras-project/oras';
export const REFUSED_LINKS = ['https://attacker.example/', 'http://github.com/oras-project/oras', 'file:///etc/passwd', 'javascript:alert(1)'];

export interface FirstStartContext {
  registryHost: string;
  /** A built asset under out/renderer, as an app:// path (e.g. `/assets/index-abc.js`). */
  assetPath: string;
  /** Every call of the contract, each with a valid sample input. */
  samples: Array<[name: string, input: unknown]>;
}

/** What a user's first start does, and what a hostile page would try, in one run of the built main bundle. */
export function firstStartSteps({ registryHost, assetPath, samples }: FirstStartContext): BootStep[] {
  return [
    { label: 'list-before', kind: 'call', name: 'registries.list', input: {} },
    { label: 'added', kind: 'call', name: 'registries.add', input: { url: registryHost, name: 'Boot test registry' } },
    { label: 'list-after-add', kind: 'call', name: 'registries.list', input: {} },
    { label: 'repositories', kind: 'call', name: 'catalog.repositories', input: { registryId: '{{added.value.id}}' } },

    { label: 'fetch-index', kind: 'fetch', url: 'app://stevedore/index.html' },
    { label: 'fetch-root', kind: 'fetch', url: 'app://stevedore/' },
    { label: 'fetch-asset', kind: 'fetch', url: `app://stevedore${assetPath}` },
    { label: 'fetch-post', kind: 'fetch', url: 'app://stevedore/index.html', method: 'POST' },
    ...OUTSIDE_URLS.map((url): BootStep => ({ label: `outside:${url}`, kind: 'fetch', url })),

    ...samples.map(([name, input]): BootStep => ({ label: callLabel(name), kind: 'call', name, input })),
    { label: 'unknown-call', kind: 'call', name: 'registries.explode', input: {} },
    ...FOREIGN_SENDERS.map((sender): BootStep => ({ label: `foreign:${sender}`, kind: 'call', name: 'registries.list', input: {}, sender })),

    { label: 'navigate-same-origin', kind: 'navigate', url: 'app://stevedore/index.html#/registries' },
    { label: 'navigate-allowed', kind: 'navigate', url: ALLOWED_LINK },
    ...REFUSED_LINKS.map((url): BootStep => ({ label: `navigate:${url}`, kind: 'navigate', url })),
    { label: 'redirect-away', kind: 'navigate', url: 'https://attacker.example/', event: 'will-redirect' },
    { label: 'open-allowed', kind: 'open-window', url: ALLOWED_LINK },
    ...REFUSED_LINKS.map((url): BootStep => ({ label: `open:${url}`, kind: 'open-window', url })),
    { label: 'webview', kind: 'attach-webview' },
    { label: 'permission-notifications', kind: 'permission', permission: 'notifications' },
    { label: 'permission-media', kind: 'permission', permission: 'media' },

    { label: 'second-instance', kind: 'second-instance', minimizeFirst: true },
    { label: 'close', kind: 'close-window' },
  ];
}
