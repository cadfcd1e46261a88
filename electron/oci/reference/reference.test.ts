import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { formatReference, parseReference } from './reference';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it('normalises a Docker Hub short name to docker.io/library/<name>:latest on registry-1.docker.io', () => {
    expect(parseReference('redis')).toEqual({ registry: 'docker.io', host: 'registry-1.docker.io', repository: 'library/redis', tag: 'latest' });
    expect(parseReference('bitnami/redis:7').repository).toBe('bitnami/redis');
    expect(parseReference('index.docker.io/redis').registry).toBe('docker.io');
  });

  it('reads host:port, localhost and IPv6 registries', () => {
    expect(parseReference('127.0.0.1:5000/a/b:v1')).toMatchObject({ registry: '127.0.0.1:5000', host: '127.0.0.1:5000', repository: 'a/b', tag: 'v1' });
    expect(parseReference('localhost/x')).toMatchObject({ registry: 'localhost', repository: 'x' });
    expect(parseReference('[::1]:5000/x:1')).toMatchObject({ registry: '[::1]:5000', repository: 'x', tag: '1' });
    expect(parseReference('ghcr.io/o/r')).toMatchObject({ registry: 'ghcr.io', repository: 'o/r', tag: 'latest' });
  });

  it('keeps a tag and a digest together, and adds no default tag to a digest', () => {
    expect(parseReference(`ghcr.io/o/r:v1@${D}`)).toMatchObject({ tag: 'v1', digest: D });
    expect(parseReference(`ghcr.io/o/r@${D}`).tag).toBeUndefined();
    expect(formatReference(parseReference(`ghcr.io/o/r:v1@${D}`))).toBe(`ghcr.io/o/r:v1@${D}`);
  });

  it.each([
    ['Redis', /must be lowercase/],
    ['ghcr.io/Owner/r', /"Owner" must be lowercase/],
    ['ghcr.io/o/r:-bad', /tag/],
    [`ghcr.io/o/r:${'t'.repeat(129)}`, /longer than 128/],
    [`ghcr.io/${'a'.repeat(256)}`, /longer than 255/],
    ['ghcr.io/o//r', /empty path component/],
    ['ghcr.io/o/r@sha256:abc', /64 hex characters/],
    [`ghcr.io/o/r@sha256:${'A'.repeat(64)}`, /lowercase/],
    ['https://ghcr.io/o/r', /scheme/],
    ['a b', /white space/],
    ['', /empty/],
    ['ghcr.io/o/r..x', /separators/],
  ])('refuses %s with a message naming the bad part', (input, message) => {
    expect(() => parseReference(input)).toThrow(ContractError);
    expect(() => parseReference(input)).toThrow(message);
  });
});
