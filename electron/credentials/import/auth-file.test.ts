import { describe, expect, it } from 'vitest';
import { inlineLogin } from './auth-file';
import { authFileLocations } from './login-sources';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('inlineLogin', () => {
  it('decodes base64 user:password, splitting at the first colon only', () => {
    expect(inlineLogin({ auth: b64('alice:pa:ss') })).toEqual({ username: 'alice', secret: 'pa:ss', secretKind: 'password' });
  });

  it('prefers an identity token, keeping the user name when there is one', () => {
    expect(inlineLogin({ auth: b64('alice:'), identitytoken: 'tok' })).toEqual({ username: 'alice', secret: 'tok', secretKind: 'identity-token' });
    expect(inlineLogin({ identitytoken: 'tok' })).toEqual({ username: '<token>', secret: 'tok', secretKind: 'identity-token' });
  });

  it('reads Helm-style username/password fields, and nothing from an empty entry', () => {
    expect(inlineLogin({ username: 'h', password: 'p' })).toEqual({ username: 'h', secret: 'p', secretKind: 'password' });
    expect(inlineLogin({})).toBeUndefined();
    expect(inlineLogin({ auth: b64('nocolon') })).toBeUndefined();
  });
});

describe('authFileLocations', () => {
  it('follows DOCKER_CONFIG, XDG_RUNTIME_DIR and the config home, like the tools do', () => {
    const found = authFileLocations({ HOME: '/h', DOCKER_CONFIG: '/d', XDG_RUNTIME_DIR: '/run/user/1' });
    expect(found).toEqual([
      { source: 'docker', path: '/d/config.json' },
      { source: 'podman', path: '/run/user/1/containers/auth.json' },
      { source: 'podman', path: '/h/.config/containers/auth.json' },
      { source: 'helm', path: '/h/.config/helm/registry/config.json' },
    ]);
  });

  it('falls back to ~/.docker without DOCKER_CONFIG', () => {
    expect(authFileLocations({ HOME: '/h' })[0]).toEqual({ source: 'docker', path: '/h/.docker/config.json' });
  });
});
