import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalManifest } from '../../../electron/oci/manifests/canonical-json';
import { OCI_MANIFEST } from '../../../electron/oci/manifests/media-types';
import { referrersTag } from '../../../electron/oci/referrers/tag-schema';
import type { TransferResult } from '../../../shared/contract/transfers';
import { skopeoInspectRaw, skopeoPull } from '../../support/seed/skopeo';
import { TransferScheduler } from '../../../electron/oci/scheduler/transfer-scheduler';
import type { ArtifactRepository } from '../../../electron/oci/storage';
import { createPushJob } from '../../../electron/transfers/push/push-job';
import { createTransferService } from '../../../electron/transfers/transfer-service';
import { blobBytesSent, filesPlan, harness, MiB, openSessions, proxiedRegistry, randomFile, RecordedEvents, sha256, usePushEnv } from './push-env';

const env = usePushEnv('push-job');

beforeEach(() => {
  env.proxy.clearFaults();
  env.proxy.clearRecord();
});

const blobRequests = () => env.proxy.requests.filter((r) => r.path.includes('/blobs/'));

describe('createPushJob against a real registry', () => {
  it('publishes files with an empty config: the manifest is byte-identical to the plan, every tag points at it, skopeo reads it', async () => {
    const files = [await randomFile(env, 'readme.txt', 3000), await randomFile(env, 'data.bin', 9 * 1024 * 1024 + 17), await randomFile(env, 'notes.md', 12)];
    const plan = filesPlan('docs/files', files, ['v1', 'latest', 'stable']);
    const expected = canonicalManifest(plan.manifest);
    const done: TransferResult[] = [];
    const registry = proxiedRegistry(env);
    const h = harness(registry, env.registry.host);
    const id = h.publish(plan, { onDone: (result) => void done.push(result) });
    await h.service.queue.settled(id);

    const view = h.view(id);
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');
    const digest = sha256(expected);
    expect(view.result).toEqual({
      registryId: 'test-registry',
      repository: 'docs/files',
      digest,
      mediaType: OCI_MANIFEST,
      reference: `${env.registry.host}/docs/files@${digest}`,
      tags: ['v1', 'latest', 'stable'],
    });
    expect(done).toEqual([view.result]);
    expect(view.items.map((i) => [i.name, i.state, i.bytes === i.size])).toEqual([
      ['config', 'done', true],
      ['readme.txt', 'done', true],
      ['data.bin', 'done', true],
      ['notes.md', 'done', true],
      ['manifest', 'done', true],
    ]);
    expect(view.counts).toEqual({ done: 5 });
    expect(view.totalBytes).toBe(2 + 3000 + 9 * 1024 * 1024 + 17 + 12 + expected.length);
    expect(view.bytes).toBe(view.totalBytes);

    // the events told the whole story: queued, running with progress, done
    const seen = h.events.views.filter((v) => v.id === id);
    expect(seen[0]?.state).toBe('queued');
    expect(seen.some((v) => v.state === 'running' && v.bytes > 0 && v.bytes < v.totalBytes)).toBe(true);
    expect(seen.at(-1)?.state).toBe('done');

    // byte-identical under every tag and by digest
    const repo = registry.repository('docs/files');
    for (const ref of ['v1', 'latest', 'stable', digest]) {
      const fetched = await repo.manifests().fetch(ref);
      expect(fetched.bytes.equals(expected)).toBe(true);
      expect(fetched.descriptor.digest).toBe(digest);
    }
    // the manifest went last, once, then the same bytes under the other two tags
    const manifestPuts = env.proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));
    expect(manifestPuts.map((r) => r.path.split('/').at(-1))).toEqual(['v1', 'latest', 'stable']);
    const lastBlobCommit = env.proxy.requests.findLastIndex((r) => r.method === 'PUT' && r.path.includes('/blobs/'));
    expect(lastBlobCommit).toBeLessThan(env.proxy.requests.findIndex((r) => r.method === 'PUT' && r.path.includes('/manifests/')));

    // interop: skopeo copies it to an OCI layout with the same manifest digest and bytes
    const layout = join(env.dir, 'skopeo-layout');
    await skopeoPull(env.registry.host, 'docs/files', 'v1', layout);
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    expect(index.manifests.map((m) => m.digest)).toEqual([digest]);
    expect((await readFile(join(layout, 'blobs', 'sha256', digest.slice(7)))).equals(expected)).toBe(true);
    const copied = await readFile(join(layout, 'blobs', 'sha256', files[1]!.digest.slice(7)));
    expect(copied.equals(files[1]!.data)).toBe(true);
    expect(await skopeoInspectRaw(env.registry.host, 'docs/files', 'stable')).toBe(expected.toString('utf8'));
  });

  it('publishing the same files again sends nothing: every blob exists (HEAD only), the manifest is put again', async () => {
    const files = [await randomFile(env, 'again-a.bin', 64 * 1024), await randomFile(env, 'again-b.bin', 10 * 1024 * 1024)];
    const plan = filesPlan('docs/again', files, ['v1']);
    const h = harness(proxiedRegistry(env), env.registry.host);
    await h.service.queue.settled(h.publish(plan));
    env.proxy.clearRecord();

    const id = h.publish(plan);
    await h.service.queue.settled(id);
    const view = h.view(id);
    expect(view.state).toBe('done');
    expect(view.items.map((i) => [i.name, i.state])).toEqual([
      ['config', 'exists'],
      ['again-a.bin', 'exists'],
      ['again-b.bin', 'exists'],
      ['manifest', 'done'],
    ]);
    expect(blobRequests().map((r) => r.method)).toEqual(['HEAD', 'HEAD', 'HEAD']);
    expect(blobBytesSent(env)).toBe(0);
    // nothing sent means no speed was shown either
    expect(h.events.views.filter((v) => v.id === id).every((v) => v.bytesPerSecond === 0)).toBe(true);
  });

  it('plan.refresh is read at the start of each run: the pushed manifest is the refreshed one', async () => {
    const plan = filesPlan('docs/refresh', [await randomFile(env, 'refresh.txt', 500)], ['v1']);
    const stamps: string[] = [];
    plan.refresh = async () => {
      const created = new Date(Date.UTC(2026, 0, 1, 0, 0, stamps.length)).toISOString().replace('.000Z', 'Z');
      stamps.push(created);
      return { ...plan.manifest, annotations: { 'org.opencontainers.image.created': created } };
    };
    const h = harness(proxiedRegistry(env), env.registry.host);
    const id = h.publish(plan);
    await h.service.queue.settled(id);
    expect(stamps).toEqual(['2026-01-01T00:00:00Z']);
    const expected = canonicalManifest({ ...plan.manifest, annotations: { 'org.opencontainers.image.created': stamps[0]! } });
    expect(h.view(id).result?.digest).toBe(sha256(expected));
    expect((await proxiedRegistry(env).repository('docs/refresh').manifests().fetch('v1')).bytes.equals(expected)).toBe(true);
  });

  it('without a tag the manifest is pushed by digest', async () => {
    const plan = filesPlan('docs/untagged', [await randomFile(env, 'untagged.txt', 100)], []);
    const h = harness(proxiedRegistry(env), env.registry.host);
    const id = h.publish(plan);
    await h.service.queue.settled(id);
    const digest = sha256(canonicalManifest(plan.manifest));
    expect(h.view(id).result).toMatchObject({ digest, tags: [] });
    expect(env.proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/')).map((r) => r.path)).toEqual([`/v2/docs/untagged/manifests/${digest}`]);
  });

  it('the same content twice in one plan is sent once', async () => {
    const file = await randomFile(env, 'twin.bin', 200 * 1024);
    const twin = { ...file, name: 'twin-copy.bin' };
    const plan = filesPlan('docs/twins', [file, twin], ['v1']);
    const h = harness(proxiedRegistry(env), env.registry.host);
    const id = h.publish(plan);
    await h.service.queue.settled(id);
    expect(h.view(id).items.map((i) => [i.name, i.state])).toEqual([
      ['config', 'done'],
      ['twin.bin', 'done'],
      ['twin-copy.bin', 'exists'],
      ['manifest', 'done'],
    ]);
    expect(env.proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes(encodeURIComponent(file.digest)))).toHaveLength(1);
  });

  it('attached with a subject, the referrer is findable through the sha256-<hex> tag on Distribution (no referrers API)', async () => {
    const h = harness(proxiedRegistry(env), env.registry.host);
    const subjectPlan = filesPlan('docs/attach', [await randomFile(env, 'app.bin', 4096)], ['v1']);
    const subjectId = h.publish(subjectPlan);
    await h.service.queue.settled(subjectId);
    const subject = { mediaType: OCI_MANIFEST, digest: h.view(subjectId).result!.digest!, size: canonicalManifest(subjectPlan.manifest).length };

    const sbom = await randomFile(env, 'sbom.spdx.json', 700);
    const plan = filesPlan('docs/attach', [sbom], [], { artifactType: 'application/spdx+json', subject });
    const id = h.publish(plan);
    await h.service.queue.settled(id);
    expect(h.view(id).state).toBe('done');
    const digest = h.view(id).result!.digest!;

    const repo = proxiedRegistry(env).repository('docs/attach');
    const fallback = await repo.manifests().fetch(referrersTag(subject.digest));
    expect(fallback.parsed.kind).toBe('index');
    const referrers = await repo.referrers(subject.digest);
    expect(referrers).toEqual([
      {
        mediaType: OCI_MANIFEST,
        digest,
        size: canonicalManifest(plan.manifest).length,
        artifactType: 'application/spdx+json',
        annotations: plan.manifest.annotations,
      },
    ]);
  });

  it('a failure stops the push with no manifest; retry sends only the blobs that did not land', async () => {
    const files = [await randomFile(env, 'ok-1.bin', 300 * 1024), await randomFile(env, 'refused.bin', 500 * 1024), await randomFile(env, 'ok-2.bin', 100 * 1024)];
    const plan = filesPlan('docs/retry', files, ['v1']);
    const registry = proxiedRegistry(env);
    const h = harness(registry, env.registry.host);
    // the registry refuses the commit of one blob (a quota, a policy): 403 on its PUT
    const refusedPut = new RegExp(`digest=${encodeURIComponent(files[1]!.digest)}`);
    env.proxy.fault({ method: 'PUT', path: refusedPut, times: Infinity, fault: { kind: 'status', status: 403, body: '{"errors":[{"code":"DENIED","message":"quota exceeded"}]}' } });
    const id = h.publish(plan);
    await h.service.queue.settled(id);
    const failed = h.view(id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('denied');
    expect(failed.items.find((i) => i.name === 'refused.bin')?.state).toBe('failed');
    expect(failed.items.find((i) => i.name === 'manifest')?.state).toBe('cancelled');
    expect(env.proxy.requests.some((r) => r.path.includes('/manifests/'))).toBe(false);
    expect(await registry.repository('docs/retry').manifests().exists('v1')).toBe(false);
    // the refused session was deleted: nothing of it is left but Distribution's stray hash state
    const refusedSession = env.proxy.requests.find((r) => r.method === 'PUT' && r.status === 403)!.path.split('?')[0]!;
    expect(env.proxy.requests.find((r) => r.method === 'DELETE')?.path.split('?')[0]).toBe(refusedSession);
    expect(await openSessions(env.registry, 'docs/retry')).toEqual([]);

    const landed = failed.items.filter((i) => i.state === 'done').map((i) => i.digest);
    env.proxy.clearFaults();
    env.proxy.clearRecord();
    await h.service.handlers['transfers.retry']({ id }, { signal: new AbortController().signal });
    await h.service.queue.settled(id);
    const retried = h.view(id);
    expect(retried.state).toBe('done');
    expect(retried.items.every((i) => i.state === 'done')).toBe(true);
    // not one request about a blob that had landed; the rest sent once each
    for (const digest of landed) expect(blobRequests().some((r) => r.path.includes(digest!) || r.path.includes(encodeURIComponent(digest!)))).toBe(false);
    const notLanded = plan.blobs.map((b) => b.descriptor.digest).filter((d) => !landed.includes(d));
    const commits = env.proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'));
    expect(commits.map((r) => decodeURIComponent(/digest=([^&]+)/.exec(r.path)?.[1] ?? '')).sort()).toEqual([...notLanded].sort());
    expect((await registry.repository('docs/retry').manifests().fetch('v1')).bytes.equals(canonicalManifest(plan.manifest))).toBe(true);
  });

  it('a file that changed after it was packed fails naming the file, no manifest is pushed and no session stays open', async () => {
    const h = harness(proxiedRegistry(env), env.registry.host);
    const failure = async (plan: ReturnType<typeof filesPlan>) => {
      const id = h.publish(plan);
      await h.service.queue.settled(id);
      expect(h.view(id).state).toBe('failed');
      return h.view(id).error;
    };

    // a small file (one PUT) is checked before a session opens
    const small = await randomFile(env, 'edited.txt', 2048);
    const smallPlan = filesPlan('docs/changed', [small], ['v1']);
    await writeFile(small.path, Buffer.alloc(2048, 7)); // same size, other bytes
    expect(await failure(smallPlan)).toEqual({ code: 'invalid-input', message: 'edited.txt changed while it was being published: its bytes no longer match the digest in the manifest. Publish it again.' });
    expect(env.proxy.requests.some((r) => r.path.includes(encodeURIComponent(small.digest)))).toBe(false);

    // a large one is streamed, and the registry refuses the commit; the session is deleted
    env.proxy.clearRecord();
    const large = await randomFile(env, 'edited-large.bin', 9 * MiB);
    const largePlan = filesPlan('docs/changed', [large], ['v2']);
    await writeFile(large.path, Buffer.alloc(9 * MiB, 3));
    expect(await failure(largePlan)).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/^edited-large\.bin changed while it was being published/) as string });
    const commit = env.proxy.requests.find((r) => r.method === 'PUT' && r.path.includes(encodeURIComponent(large.digest)));
    expect(commit?.status).toBe(400);
    expect(env.proxy.requests.filter((r) => r.method === 'DELETE').map((r) => [r.path, r.status])).toEqual([[commit?.path.split('&digest=')[0], 204]]);

    // a file whose size changed is refused before it is read, with its path
    const grown = await randomFile(env, 'grown.txt', 1000);
    const grownPlan = filesPlan('docs/changed', [grown], ['v3']);
    await writeFile(grown.path, Buffer.alloc(1500, 1));
    const grownError = await failure(grownPlan);
    expect(grownError?.code).toBe('invalid-input');
    expect(grownError?.message).toContain(grown.path);
    expect(grownError?.message).toMatch(/is 1500 bytes, not the 1000 expected: it changed since it was packed/);

    expect(env.proxy.requests.some((r) => r.path.includes('/manifests/'))).toBe(false);
    expect(await openSessions(env.registry, 'docs/changed')).toEqual([]);
  });

  it('two publishes at once share the per-host limit of the one scheduler', async () => {
    const registry = proxiedRegistry(env);
    const events = new RecordedEvents();
    const scheduler = new TransferScheduler({ maxConcurrent: 16, maxPerHost: 2 });
    const service = createTransferService({ events, scheduler });
    let inFlight = 0;
    let most = 0;
    // the real repository, counting blob pushes in flight
    const counted = (name: string): ArtifactRepository => {
      const repo = registry.repository(name);
      const blobs = repo.blobs();
      const push: typeof blobs.push = async (source, options) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await blobs.push(source, options);
        } finally {
          inFlight -= 1;
        }
      };
      return Object.assign(Object.create(repo) as ArtifactRepository, { blobs: () => Object.assign(Object.create(blobs) as typeof blobs, { push }) });
    };
    const plans = [0, 1].map(async (n) => filesPlan(`docs/shared-${n}`, await Promise.all([0, 1, 2, 3, 4].map((i) => randomFile(env, `shared-${n}-${i}.bin`, 512 * 1024))), ['v1']));
    const ids = (await Promise.all(plans)).map((plan) => service.queue.enqueue(createPushJob(plan, { repository: counted(plan.repository), scheduler, host: env.registry.host })));
    expect(ids.map((id) => service.queue.view(id)?.state)).toEqual(['running', 'running']);
    await Promise.all(ids.map((id) => service.queue.settled(id)));
    expect(ids.map((id) => service.queue.view(id)?.state)).toEqual(['done', 'done']);
    expect(most).toBe(2);
  });
});
