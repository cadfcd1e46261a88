import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  it.each([
    ['https://alice:s3cret@registry.example.com/v2/', 'https://registry.example.com/v2/'],
    ['Authorization: Basic YWxpY2U6czNjcmV0', 'Authorization: [redacted]'],
    ['{"authorization":"Bearer eyJhbGciOi.x.y"}', '{"authorization":"[redacted]"}'],
    ['sent Bearer eyJhbGciOiJSUzI1NiJ9.abc.def', 'sent Bearer [redacted]'],
    ['GET /token?service=x&password=hunter2&scope=y', 'GET /token?service=x&password=[redacted]&scope=y'],
    ['http://127.0.0.1:4000/?token=abcdef123456', 'http://127.0.0.1:4000/?token=[redacted]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('pushed ghcr.io/acme/app:1.0 (sha256:abc)')).toBe('pushed ghcr.io/acme/app:1.0 (sha256:abc)');
  });
});
