import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../../support/registry';

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

describe('anonymous registry', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('answers GET /v2/ with 200 on a loopback address', async () => {
    expect(registry.url).toBe(`http://127.0.0.1:${registry.port}`);
    expect(registry.host).toBe(`127.0.0.1:${registry.port}`);
    const res = await fetch(`${registry.url}/v2/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  });

  it('has deletes enabled (a missing manifest DELETE is 404, not 405 UNSUPPORTED)', async () => {
    const digest = `sha256:${'0'.repeat(64)}`;
    const res = await fetch(`${registry.url}/v2/some/repo/manifests/${digest}`, { method: 'DELETE' });
    expect(res.status).toBe(404);
  });
});

describe('registry lifecycle', () => {
  it('stop() ends the process and removes its temp dir', async () => {
    const registry = await startRegistry();
    expect(existsSync(registry.rootDir)).toBe(true);
    await registry.stop();
    expect(existsSync(registry.rootDir)).toBe(false);
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
  });

  it('runs two registries side by side on different ports', async () => {
    const [a, b] = await Promise.all([startRegistry(), startRegistry()]);
    try {
      expect(a.port).not.toBe(b.port);
      expect((await fetch(`${a.url}/v2/`)).status).toBe(200);
      expect((await fetch(`${b.url}/v2/`)).status).toBe(200);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe('htpasswd registry', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'htpasswd' });
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('has a default user alice with a random password', () => {
    expect(Object.keys(registry.users)).toEqual(['alice']);
    expect(registry.users.alice?.length).toBeGreaterThanOrEqual(16);
  });

  it('challenges an anonymous request with 401 Basic realm', async () => {
    const res = await fetch(`${registry.url}/v2/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="stevedore-test"/);
  });

  it('accepts the right password', async () => {
    const res = await fetch(`${registry.url}/v2/`, { headers: { authorization: basic('alice', registry.users.alice ?? '') } });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong password and an unknown user', async () => {
    const wrong = await fetch(`${registry.url}/v2/`, { headers: { authorization: basic('alice', 'not-the-password') } });
    expect(wrong.status).toBe(401);
    const unknown = await fetch(`${registry.url}/v2/`, { headers: { authorization: basic('mallory', registry.users.alice ?? '') } });
    expect(unknown.status).toBe(401);
  });

  it('honours explicit users', async () => {
    const custom = await startRegistry({ auth: 'htpasswd', users: { bob: 'b0b-secret', carol: 'c4rol-secret' } });
    try {
      expect((await fetch(`${custom.url}/v2/`, { headers: { authorization: basic('bob', 'b0b-secret') } })).status).toBe(200);
      expect((await fetch(`${custom.url}/v2/`, { headers: { authorization: basic('carol', 'c4rol-secret') } })).status).toBe(200);
      expect((await fetch(`${custom.url}/v2/`, { headers: { authorization: basic('alice', 'b0b-secret') } })).status).toBe(401);
    } finally {
      await custom.stop();
    }
  });
});
