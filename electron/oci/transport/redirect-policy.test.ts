import { describe, expect, it } from 'vitest';
import { decideRedirect } from './redirect-policy';

const base = { origin: 'https://reg.example.com', from: 'https://reg.example.com/v2/a/blobs/sha256:x', status: 307, method: 'GET', hasBody: false, replayable: true, hops: 0 };

describe('decideRedirect', () => {
  it('keeps Authorization on the same origin only', () => {
    expect(decideRedirect({ ...base, location: '/v2/b/blobs/x' })).toMatchObject({ follow: true, url: 'https://reg.example.com/v2/b/blobs/x', keepAuthorization: true });
    expect(decideRedirect({ ...base, location: 'https://s3.example.com/blob?sig=1' })).toMatchObject({ follow: true, keepAuthorization: false });
  });

  it('treats a port change and a scheme change as another origin (GHSA-vh4v-2xq2-g5cg)', () => {
    expect(decideRedirect({ ...base, location: 'https://reg.example.com:8443/x' })).toMatchObject({ follow: true, keepAuthorization: false });
    const plain = { ...base, origin: 'http://127.0.0.1:5000', from: 'http://127.0.0.1:5000/v2/' };
    expect(decideRedirect({ ...plain, location: 'https://127.0.0.1:5000/v2/' })).toMatchObject({ follow: true, keepAuthorization: false });
  });

  it('refuses https to http, odd schemes, missing Location and too many hops', () => {
    expect(decideRedirect({ ...base, location: 'http://reg.example.com/x' })).toMatchObject({ follow: false, reason: expect.stringMatching(/plain HTTP/) });
    expect(decideRedirect({ ...base, location: 'file:///etc/passwd' })).toMatchObject({ follow: false });
    expect(decideRedirect({ ...base, location: undefined })).toMatchObject({ follow: false });
    expect(decideRedirect({ ...base, location: '/x', hops: 10 })).toMatchObject({ follow: false, reason: expect.stringMatching(/more than 10/) });
  });

  it('never follows a redirect for a body that cannot be replayed', () => {
    expect(decideRedirect({ ...base, method: 'PUT', hasBody: true, replayable: false, location: '/y' })).toMatchObject({ follow: false, reason: expect.stringMatching(/cannot be sent again/) });
    expect(decideRedirect({ ...base, method: 'PUT', hasBody: true, replayable: true, location: '/y' })).toMatchObject({ follow: true, method: 'PUT', keepBody: true });
  });

  it('turns 303, and 301/302 after POST, into GET without a body', () => {
    expect(decideRedirect({ ...base, status: 303, method: 'PUT', hasBody: true, replayable: false, location: '/z' })).toMatchObject({ follow: true, method: 'GET', keepBody: false });
    expect(decideRedirect({ ...base, status: 302, method: 'POST', hasBody: true, replayable: false, location: '/z' })).toMatchObject({ follow: true, method: 'GET' });
  });
});
