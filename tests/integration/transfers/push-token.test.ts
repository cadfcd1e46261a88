import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalManifest } from '../../../electron/oci/manifests/canonical-json';
import { filesPlan, harness, MiB, proxiedRegistry, randomFile, usePushEnv } from './push-env';

// Distribution accepts a token up to 60 s past its `exp`: a token issued with a lifetime of -58 s
// is good at the registry for about 2 s while the client (which reads a non-positive expires_in as
// "unknown") keeps using it. The proxy holds the big PATCH for 4 s, so it meets an expired token.
const SHORT_TTL = -58;
const HOLD_MS = 4000;

const env = usePushEnv('push-token', { auth: 'token', tokenTtlSeconds: SHORT_TTL });

beforeEach(() => {
  env.proxy.clearFaults();
  env.proxy.clearRecord();
  env.registry.tokenServer!.resetRecords();
});

describe('push against a token-auth registry (real token server)', () => {
  it('a login that expires mid-upload is re-challenged once and the upload replayed from disk', async () => {
    const server = env.registry.tokenServer!;
    server.setTtlSeconds(SHORT_TTL);
    const [username, password] = Object.entries(env.registry.users)[0]!;
    const pushTokens = () => server.issued.filter((t) => t.access.some((a) => a.actions.includes('push')));
    // tokens are short-lived until the first push token is out; every later one lasts
    const credentials = async () => {
      if (pushTokens().length > 0) server.setTtlSeconds(300);
      return { username, password };
    };
    const big = await randomFile(env, 'expiring.bin', 24 * MiB);
    const small = await randomFile(env, 'expiring.txt', 900);
    const plan = filesPlan('tok/expiring', [small, big], ['v1', 'latest']);
    env.proxy.fault({ method: 'PATCH', fault: { kind: 'delay', ms: HOLD_MS } });

    const registry = proxiedRegistry(env, { credentials });
    const h = harness(registry, env.registry.host);
    const id = h.publish(plan);
    await h.service.queue.settled(id);
    const view = h.view(id);
    expect(view.error).toBeUndefined();
    expect(view.state).toBe('done');

    const patches = env.proxy.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.values['content-range'], r.status])).toEqual([
      [`0-${24 * MiB - 1}`, 401],
      [`0-${24 * MiB - 1}`, 202],
    ]);
    // the same session both times: re-authenticated, not restarted
    expect(patches[1]!.path.split('?')[0]).toBe(patches[0]!.path.split('?')[0]);
    expect(pushTokens().map((t) => t.expiresIn)).toEqual([SHORT_TTL, 300]);
    // besides the first contact (blob HEADs sent at once, before the challenge is known), only the
    // held PATCH met a 401
    const challenged = env.proxy.requests.filter((r) => r.status === 401);
    expect(challenged.filter((r) => r.method !== 'HEAD').map((r) => r.method)).toEqual(['PATCH']);
    expect(challenged.filter((r) => r.method === 'HEAD').every((r) => !r.headerNames.includes('authorization'))).toBe(true);
    const fetched = await proxiedRegistry(env, { credentials }).repository('tok/expiring').manifests().fetch('latest');
    expect(fetched.bytes.equals(canonicalManifest(plan.manifest))).toBe(true);
  });
});
