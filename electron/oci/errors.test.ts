import { describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract';
import { parseErrorBody, RegistryError, safeUrl, toContractError } from './errors';

describe('registry errors', () => {
  it('parses a Distribution error body and bounds what it keeps', () => {
    const body = JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry', detail: { name: 'x' } }, { nope: 1 }] });
    expect(parseErrorBody(body)).toEqual([{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry', detail: { name: 'x' } }]);
    expect(parseErrorBody('404 page not found')).toEqual([]);
    expect(parseErrorBody('{"errors":"x"}')).toEqual([]);
  });

  it('prints URLs without userinfo or secret query values', () => {
    expect(safeUrl('https://u:p@reg.example.com/v2/x?token=abc&n=2&X-Amz-Signature=s')).toBe('https://reg.example.com/v2/x?token=redacted&n=2&X-Amz-Signature=redacted');
    const error = new RegistryError('GET', 'https://u:secretpw@reg/v2/?access_token=zzz', 401);
    expect(error.message).not.toMatch(/secretpw|zzz/);
    expect(error.url).toBe('https://reg/v2/?access_token=redacted');
  });

  it.each([
    [401, [], 'unauthorized'],
    [403, [], 'denied'],
    [401, [{ code: 'DENIED', message: 'requested access to the resource is denied' }], 'denied'],
    [404, [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }], 'not-found'],
    [404, [], 'not-found'],
    [429, [], 'rate-limited'],
    [503, [{ code: 'TOOMANYREQUESTS', message: 'slow down' }], 'rate-limited'],
    [502, [], 'network'],
    [400, [{ code: 'MANIFEST_INVALID', message: 'manifest invalid' }], 'invalid-input'],
  ] as const)('maps HTTP %i %j onto %s', (status, errors, code) => {
    expect(toContractError(new RegistryError('GET', 'https://reg.example.com/v2/a/manifests/x', status, errors)).code).toBe(code);
  });

  it('says what the registry said and what to do about it', () => {
    const mapped = toContractError(new RegistryError('GET', 'https://reg.example.com/v2/a/tags/list', 404, [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }]));
    expect(mapped.message).toBe('reg.example.com says: repository name not known to registry — check the name or your access.');
  });

  it('maps aborts, network failures and unknown errors', () => {
    expect(toContractError(new DOMException('x', 'AbortError')).code).toBe('cancelled');
    expect(toContractError(new Error('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) })).code).toBe('network');
    expect(toContractError(new Error('weird')).code).toBe('internal');
    const tls = toContractError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }));
    expect(tls).toMatchObject({ code: 'network', message: expect.stringMatching(/TLS certificate cannot be verified .*CA certificate/) });
    const kept = new ContractError('denied', 'no');
    expect(toContractError(kept)).toBe(kept);
  });
});
