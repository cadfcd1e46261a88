import { createHash } from 'node:crypto';
import type { CallContext, EventName, EventPayload, EventSink, Handlers, RegistryState, RegistryStatus, RegistryView } from '../../../shared/contract';
import { startServices, type ServiceSet } from '../../../electron/services/create-services';
import { waitUntil } from '../../support/processes';

export const ctx: CallContext = { signal: new AbortController().signal };

/** One run of the app's services over a data folder, with every `registries.changed` it sent. */
export interface StatusRun {
  handlers: Handlers;
  /** Each `registries.changed` payload, oldest first. */
  changes: RegistryView[][];
  /** The statuses the events carried for one registry, in order. */
  statesOf(id: string): RegistryState[];
  /** Waits until a `registries.changed` event says the registry is in `state`, and `registries.list` agrees; returns the status. */
  waitFor(id: string, state: RegistryState): Promise<RegistryStatus>;
  close(): Promise<void>;
}

/** Starts the services as a host does (the same `startServices`), so a second call over the same folder is a restart. */
export async function startRun(dataDir: string): Promise<StatusRun> {
  const changes: RegistryView[][] = [];
  const events: EventSink = {
    emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      if (name === 'registries.changed') changes.push(payload as RegistryView[]);
    },
  };
  const services: ServiceSet = await startServices({
    host: 'web',
    version: '0.0.0-test',
    dataDir,
    events,
    capabilities: { nativeFolderPicker: false, dropPaths: false },
  });
  const { handlers } = services;
  const statusOf = async (id: string) => (await handlers['registries.list']({}, ctx)).find((r) => r.id === id)?.status;
  return {
    handlers,
    changes,
    statesOf: (id) => changes.map((list) => list.find((r) => r.id === id)?.status.state).filter((s): s is RegistryState => s !== undefined),
    async waitFor(id, state) {
      let last: RegistryStatus | undefined;
      await waitUntil(
        async () => {
          const announced = changes.at(-1)?.find((r) => r.id === id)?.status;
          last = await statusOf(id);
          return announced?.state === state && last?.state === state;
        },
        { timeoutMs: 20_000, describeFailure: () => `registry ${id} did not become ${state}; it is ${JSON.stringify(last)}` },
      );
      return last!;
    },
    close: () => services.close(),
  };
}

/** Pushes a one-blob artifact over plain HTTP with Basic auth (the htpasswd registry), so listings and tags have something to read. */
export async function pushTinyArtifact(url: string, username: string, password: string, repository: string, tag: string): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const config = Buffer.from('{}');
  const digest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const started = await fetch(`${url}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers: { authorization } });
  if (started.status !== 202) throw new Error(`starting an upload gave ${started.status}`);
  const location = new URL(started.headers.get('location') ?? '', url);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', headers: { authorization, 'content-type': 'application/octet-stream' }, body: config });
  if (put.status !== 201) throw new Error(`uploading the blob gave ${put.status}`);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType: 'application/vnd.example.status-test',
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.empty.v1+json', digest, size: config.length }],
  });
  const pushed = await fetch(`${url}/v2/${repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { authorization, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest,
  });
  if (pushed.status !== 201) throw new Error(`pushing the manifest gave ${pushed.status}`);
}
