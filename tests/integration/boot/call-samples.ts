/**
 * One valid input per contract call, so the boot test can prove each name reaches a service through
 * the built bundle. They name things that do not exist (a registry, a transfer, a draft), so each
 * call gets a quick answer from its service without side effects; a new call needs a line here.
 */
export const NO_REGISTRY = 'no-such-registry';
const NO_TRANSFER = 'no-such-transfer';
const NO_DRAFT = 'no-such-draft';
const NO_DIGEST = `sha256:${'0'.repeat(64)}`;
const REPO = { registryId: NO_REGISTRY, repository: 'library/nothing' };
const PUBLISH_OPTIONS = { draftId: NO_DRAFT, registryId: NO_REGISTRY, repository: 'library/nothing', tags: ['v1'], kind: 'files', created: { mode: 'off' } };

export function callSamples(home: string): Record<string, unknown> {
  return {
    'app.info': {},
    'registries.list': {},
    'registries.presets': {},
    'registries.add': { url: '127.0.0.1:1', name: 'A closed port' },
    'registries.update': { id: NO_REGISTRY, name: 'Renamed' },
    'registries.remove': { id: NO_REGISTRY },
    'registries.ping': { id: NO_REGISTRY },
    'logins.status': {},
    'logins.login': { id: NO_REGISTRY, username: 'someone', secret: 'not-a-real-secret' },
    'logins.switch': { id: NO_REGISTRY, username: 'someone' },
    'logins.logout': { id: NO_REGISTRY, username: 'someone' },
    'logins.scanImports': {},
    'logins.import': { ids: ['0123456789abcdef'] },
    'catalog.repositories': { registryId: NO_REGISTRY },
    'catalog.summarise': { registryId: NO_REGISTRY, repositories: ['library/nothing'] },
    'catalog.tags': REPO,
    'catalog.classify': { ...REPO, tags: ['latest'] },
    'catalog.readDates': { ...REPO, tags: ['latest'] },
    'catalog.details': { ...REPO, reference: 'latest' },
    'catalog.pin': REPO,
    'catalog.unpin': REPO,
    'catalog.retag': { ...REPO, reference: 'latest', tags: ['v2'] },
    'catalog.planDelete': { ...REPO, digest: NO_DIGEST, referrers: false },
    'catalog.delete': { ...REPO, digest: NO_DIGEST, referrers: true },
    'transfers.list': {},
    'transfers.items': { id: NO_TRANSFER, offset: 0, limit: 10 },
    'transfers.cancel': { id: NO_TRANSFER },
    'transfers.retry': { id: NO_TRANSFER },
    'transfers.dismiss': { id: NO_TRANSFER },
    'publish.pick': { mode: 'files' },
    'publish.open': { sources: [], target: { registryId: NO_REGISTRY } },
    'publish.preview': PUBLISH_OPTIONS,
    'publish.start': PUBLISH_OPTIONS,
    'publish.discard': { draftId: NO_DRAFT },
    'downloads.choices': { ...REPO, reference: 'latest' },
    'downloads.checkFolder': { path: home },
    'downloads.createFolder': { path: `${home}/made-by-the-boot-test` },
    'downloads.pickFolder': {},
    'downloads.start': { ...REPO, reference: 'latest', mode: 'files', folder: home },
    'downloads.answer': { transferId: NO_TRANSFER, answer: 'skip', remember: false },
    'downloads.openFolder': { transferId: NO_TRANSFER },
    'downloads.dragOut': { transferId: NO_TRANSFER },
    'copy.start': { from: { ...REPO, reference: 'latest' }, to: { ...REPO, repository: 'library/elsewhere' }, referrers: false },
    'exports.suggest': { repository: 'library/nothing', format: 'archive' },
    'exports.check': { path: `${home}/nothing.tar`, format: 'archive' },
    'exports.pick': { format: 'folder' },
    'exports.start': { source: REPO, target: { format: 'archive', path: `${home}/nothing.tar` }, referrers: false },
    'imports.check': { path: `${home}/no-such-layout` },
    'imports.pick': { what: 'archive' },
    'imports.open': { path: `${home}/no-such-layout` },
  };
}
