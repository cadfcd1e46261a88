import { describe, expect, it } from 'vitest';
import { parseRegistryAddress } from './registry-url';

describe('parseRegistryAddress', () => {
  it.each([
    ['ghcr.io', { url: 'https://ghcr.io', host: 'ghcr.io', insecure: false }],
    ['https://harbor.example.com/', { url: 'https://harbor.example.com', host: 'harbor.example.com', insecure: false }],
    ['127.0.0.1:5000', { url: 'http://127.0.0.1:5000', host: '127.0.0.1:5000', insecure: true }],
    ['localhost:5000/v2/', { url: 'http://localhost:5000', host: 'localhost:5000', insecure: true }],
    ['https://127.0.0.1:5443', { url: 'https://127.0.0.1:5443', host: '127.0.0.1:5443', insecure: false }],
    ['  Registry.Example.COM  ', { url: 'https://registry.example.com', host: 'registry.example.com', insecure: false }],
  ])('%s', (input, expected) => {
    expect(parseRegistryAddress(input)).toEqual(expected);
  });

  it('allows plain HTTP to a remote host only when opted in', () => {
    expect(() => parseRegistryAddress('http://registry.lan')).toThrow(/insecure/);
    expect(parseRegistryAddress('http://registry.lan', true)).toEqual({ url: 'http://registry.lan', host: 'registry.lan', insecure: true });
  });

  it.each([
    ['https://alice:pw@ghcr.io', /user name and password/],
    ['ftp://ghcr.io', /https or http/],
    ['ghcr.io/acme/app', /without a path/],
    ['https://ghcr.io/?x=1', /without a path/],
    ['http://[::1', /not a registry address/],
  ])('refuses %s', (input, message) => {
    expect(() => parseRegistryAddress(input)).toThrow(message);
  });

  it('never echoes a password in its error', () => {
    expect(() => parseRegistryAddress('https://alice:hunter2@ghcr.io')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});
