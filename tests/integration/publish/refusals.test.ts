import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DropAllowList, takeDroppedPaths } from '../../../electron/app/dropped-paths';
import { createPublishService } from '../../../electron/publish/publish-service';
import type { SavedRegistry } from '../../../electron/registries/saved-registry';
import { TransferScheduler } from '../../../electron/oci/scheduler/transfer-scheduler';
import { createTransferService } from '../../../electron/transfers/transfer-service';
import type { PublishOptions } from '../../../shared/contract';
import { filesPlan, harness, MiB, openSessions, proxiedRegistry, randomFile, RecordedEvents, usePushEnv } from '../transfers/push-env';

/**
 * Registries that refuse what is sent for what it is: Docker Hub's naming rule (said in the preview,
 * before anything is sent), GitLab's media-type allow-list and a size limit (413), said by a mock
 * registry: the fault proxy answers in front of a real Distribution 2.8 as GitLab or a size-limited
 * proxy would, and everything else reaches the real registry through the real push job.
 */
const env = usePushEnv('refusals');
const ctx = { signal: new AbortController().signal };

beforeEach(() => {
  env.proxy.clearFaults();
  env.proxy.clearRecord();
});

const manifestPuts = () => env.proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));

describe('Docker Hub naming, in the preview', () => {
  const hub: SavedRegistry = {
    id: 'hub', name: 'Docker Hub', url: 'https://registry-1.docker.io', host: 'registry-1.docker.io', kind: 'dockerhub',
    insecure: false, accounts: [], pinnedRepositories: [], useDockerCredentials: false,
  };

  async function hubService() {
    const reached: string[] = [];
    const scheduler = new TransferScheduler({ maxConcurrent: 4, maxPerHost: 2 });
    const transfers = createTransferService({ events: new RecordedEvents(), scheduler, changeIntervalMs: 10 });
    const file = join(env.dir, 'hub-notes.txt');
    await writeFile(file, 'notes\n');
    const allow = new DropAllowList();
    allow.register([file]);
    const publish = createPublishService({
      registries: { get: (id) => (id === hub.id ? hub : undefined) },
      repositoryFor: async (_registryId, repository) => {
        reached.push(repository);
        throw new Error('the registry must not be reached');
      },
      noteChanged: async () => undefined,
      queue: transfers.queue,
      integration: { takeDropped: (paths) => takeDroppedPaths(allow, paths) },
      dataDir: env.dir,
      scheduler,
      env: {},
    });
    const draft = await publish.handlers['publish.open']({ sources: [{ type: 'path', path: file }] }, ctx);
    const options = (repository: string): PublishOptions => ({ draftId: draft.draftId, registryId: hub.id, repository, tags: ['v1'], kind: 'files', created: { mode: 'off' } });
    return { publish, transfers, reached, options };
  }

  it('a three-part repository is a problem naming the rule, an example and why; start refuses and nothing is sent', async () => {
    const { publish, transfers, reached, options } = await hubService();
    try {
      const shown = await publish.handlers['publish.preview'](options('alice/team/notes'), ctx);
      expect(shown.problems).toEqual([
        'Docker Hub repositories are exactly namespace/name, such as alice/team-notes; alice/team/notes has 3 parts, and Docker Hub answers a deeper path with a login error.',
      ]);
      await expect(publish.handlers['publish.start'](options('alice/team/notes'), ctx)).rejects.toThrow('Docker Hub repositories are exactly namespace/name');
      expect(reached).toEqual([]);
      expect(await transfers.handlers['transfers.list']({}, ctx)).toEqual([]);
    } finally {
      await publish.close();
    }
  });

  it('a repository without a namespace is a problem; namespace/name has none', async () => {
    const { publish, options } = await hubService();
    try {
      expect((await publish.handlers['publish.preview'](options('notes'), ctx)).problems).toEqual([
        'Docker Hub repositories are namespace/name, such as your-docker-id/notes: put your Docker ID or organization before notes.',
      ]);
      expect((await publish.handlers['publish.preview'](options('alice/notes'), ctx)).problems).toEqual([]);
    } finally {
      await publish.close();
    }
  });
});

describe('refused by the registry, through the real push job (mock registry answers)', () => {
  it('mock GitLab: a manifest refused for its media type fails the transfer naming the reason and the types; blobs landed, no manifest', async () => {
    const file = await randomFile(env, 'report.json', 4000);
    const plan = filesPlan('group/project/report', [file], ['v1'], { artifactType: 'application/vnd.acme.report.v1' });
    // GitLab's answer (gitlab.com, 2026): 400 MANIFEST_INVALID with the media type in `detail`
    const body = JSON.stringify({ errors: [{ code: 'MANIFEST_INVALID', message: 'manifest invalid', detail: 'unknown media type: application/vnd.acme.report.v1' }] });
    env.proxy.fault({ method: 'PUT', path: /\/manifests\//, times: Infinity, fault: { kind: 'status', status: 400, body } });
    const registry = proxiedRegistry(env);
    const h = harness(registry, env.registry.host);
    const id = h.publish(plan);
    await h.service.queue.settled(id).catch(() => undefined);

    const view = h.view(id);
    expect(view.state).toBe('failed');
    expect(view.error?.code).toBe('invalid-input');
    expect(view.error?.message).toBe(
      `${env.registry.host} does not accept this kind of artifact: manifest invalid: unknown media type: application/vnd.acme.report.v1 ` +
        '(sent: artifact type application/vnd.acme.report.v1, config media type application/vnd.oci.empty.v1+json). ' +
        "Publish it as another kind, or ask the registry's administrator to allow these media types (GitLab keeps an allow-list). " +
        'The files already sent stay in the registry unreferenced; the next attempt reuses them.',
    );
    expect(Object.fromEntries(view.items.map((i) => [i.name, i.state]))).toEqual({ config: 'done', 'report.json': 'done', manifest: 'failed' });
    // one manifest PUT, refused and not retried; nothing under the tag; the blobs are in the real registry
    expect(manifestPuts()).toHaveLength(1);
    env.proxy.clearFaults();
    const repo = registry.repository('group/project/report');
    await expect(repo.manifests().exists('v1')).resolves.toBe(false);
    await expect(repo.blobs().exists(file.digest)).resolves.toBe(true);
    expect(await openSessions(env.registry, 'group/project/report')).toEqual([]);
  });

  it('mock: a 415 without a body still names the types sent and what to do', async () => {
    const file = await randomFile(env, 'a.txt', 10);
    const plan = filesPlan('plain/refused', [file], ['v1']);
    env.proxy.fault({ method: 'PUT', path: /\/manifests\//, fault: { kind: 'status', status: 415, body: '' } });
    const h = harness(proxiedRegistry(env), env.registry.host);
    const id = h.publish(plan);
    await h.service.queue.settled(id).catch(() => undefined);
    const message = h.view(id).error?.message ?? '';
    expect(message).toContain('does not accept this kind of artifact: HTTP 415 (sent: artifact type application/vnd.unknown.artifact.v1, config media type application/vnd.oci.empty.v1+json)');
    expect(message).toContain('Publish it as another kind');
  });

  it('mock: a small file refused for its size (413 on its PUT) names the file and its size; no session left open, no manifest sent', async () => {
    const small = await randomFile(env, 'small.txt', 100);
    const big = await randomFile(env, 'archive.bin', 3 * MiB + 5);
    const plan = filesPlan('sizes/monolithic', [small, big], ['v1']);
    const hex = big.digest.slice('sha256:'.length);
    env.proxy.fault({ method: 'PUT', path: new RegExp(`/blobs/uploads/.*digest=sha256(%3A|:)${hex}`), times: Infinity, fault: { kind: 'status', status: 413, headers: { 'content-type': 'text/html' }, body: '<html><body>413 Request Entity Too Large</body></html>' } });
    const registry = proxiedRegistry(env);
    const h = harness(registry, env.registry.host);
    const id = h.publish(plan);
    await h.service.queue.settled(id).catch(() => undefined);

    const view = h.view(id);
    expect(view.state).toBe('failed');
    expect(view.error?.code).toBe('invalid-input');
    expect(view.error?.message).toBe(`${env.registry.host} refused archive.bin (3.0 MiB, 3,145,733 bytes) as too large (HTTP 413). Split it into smaller files, or ask the registry's administrator about its size limit.`);
    expect(view.items.find((i) => i.name === 'archive.bin')?.state).toBe('failed');
    expect(view.items.find((i) => i.name === 'manifest')?.state).not.toBe('done');
    expect(manifestPuts()).toEqual([]);
    expect(await openSessions(env.registry, 'sizes/monolithic')).toEqual([]);
    env.proxy.clearFaults();
    await expect(registry.repository('sizes/monolithic').manifests().exists('v1')).resolves.toBe(false);
  });

  it('mock: a large file refused for its size (413 on its PATCH) fails at once: one PATCH, not resumed, file and size named', async () => {
    const big = await randomFile(env, 'disk.img', 9 * MiB);
    const plan = filesPlan('sizes/chunked', [big], ['v1']);
    env.proxy.fault({ method: 'PATCH', path: /\/blobs\/uploads\//, times: Infinity, fault: { kind: 'status', status: 413, body: '' } });
    const h = harness(proxiedRegistry(env), env.registry.host);
    const id = h.publish(plan);
    await h.service.queue.settled(id).catch(() => undefined);

    const view = h.view(id);
    expect(view.error?.message).toBe(`${env.registry.host} refused disk.img (9.0 MiB, 9,437,184 bytes) as too large (HTTP 413). Split it into smaller files, or ask the registry's administrator about its size limit.`);
    expect(env.proxy.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(manifestPuts()).toEqual([]);
    expect(await openSessions(env.registry, 'sizes/chunked')).toEqual([]);
  });

  it('mock: a manifest refused for its size (413) names its size', async () => {
    const file = await randomFile(env, 'b.txt', 10);
    const plan = filesPlan('sizes/manifest', [file], ['v1']);
    env.proxy.fault({ method: 'PUT', path: /\/manifests\//, fault: { kind: 'status', status: 413, body: '' } });
    const h = harness(proxiedRegistry(env), env.registry.host);
    const id = h.publish(plan);
    await h.service.queue.settled(id).catch(() => undefined);
    const view = h.view(id);
    expect(view.error?.message).toMatch(new RegExp(`^${env.registry.host.replace(/\./g, '\\.')} refused the manifest as too large \\(${view.items.find((i) => i.name === 'manifest')?.size} bytes, HTTP 413\\)\\. Publish fewer files`));
  });
});
