import { describe, expect, it } from 'vitest';
import { ContractError } from '../contract/errors';
import { commandsFor, helmReleaseName, helmVersionFromTag } from './commands';
import { displayReference, familiarReference } from './reference';
import { shellQuote } from './shell-quote';

const digest = `sha256:${'ab'.repeat(32)}`;

describe('commandsFor', () => {
  it('gives docker and podman pulls for an image', () => {
    expect(commandsFor('image', { registry: 'ghcr.io', repository: 'acme/web', tag: '1.4.2' })).toEqual([
      { id: 'docker-pull', label: 'Docker', command: 'docker pull ghcr.io/acme/web:1.4.2' },
      { id: 'podman-pull', label: 'Podman', command: 'podman pull ghcr.io/acme/web:1.4.2' },
    ]);
  });

  it('uses Docker’s short names on Docker Hub and full names for podman', () => {
    const cmds = commandsFor('image-index', { registry: 'registry-1.docker.io', repository: 'library/redis', tag: '7' });
    expect(cmds.map((c) => c.command)).toEqual(['docker pull redis:7', 'podman pull docker.io/library/redis:7']);
  });

  it('pins the digest when asked', () => {
    const cmds = commandsFor('image', { registry: 'ghcr.io', repository: 'acme/web', tag: '1.4.2', digest }, { pinDigest: true });
    expect(cmds[0]?.command).toBe(`docker pull ghcr.io/acme/web@${digest}`);
  });

  it('gives helm pull and install with the version taken back from the tag', () => {
    const cmds = commandsFor('helm-chart', { registry: 'registry.example.com:5000', repository: 'charts/my_chart', tag: '0.1.0_build.7' });
    expect(cmds.map((c) => c.command)).toEqual([
      'helm pull oci://registry.example.com:5000/charts/my_chart --version 0.1.0+build.7',
      'helm install my-chart oci://registry.example.com:5000/charts/my_chart --version 0.1.0+build.7',
    ]);
  });

  it('addresses Helm charts on Docker Hub through registry-1.docker.io', () => {
    const cmds = commandsFor('helm-chart', { registry: 'docker.io', repository: 'bitnamicharts/nginx', tag: '18.1.0' });
    expect(cmds[0]?.command).toBe('helm pull oci://registry-1.docker.io/bitnamicharts/nginx --version 18.1.0');
  });

  it('offers no helm command for a chart known only by digest', () => {
    expect(commandsFor('helm-chart', { registry: 'ghcr.io', repository: 'acme/chart', digest })).toEqual([]);
  });

  it('adds plain-HTTP flags for a local registry', () => {
    const ref = { registry: '127.0.0.1:5000', repository: 'files', tag: 'v1' };
    expect(commandsFor('other', ref, { plainHttp: true })[0]?.command).toBe('oras pull --plain-http 127.0.0.1:5000/files:v1');
    expect(commandsFor('image', ref, { plainHttp: true })[1]?.command).toBe('podman pull --tls-verify=false 127.0.0.1:5000/files:v1');
    expect(commandsFor('helm-chart', ref, { plainHttp: true })[0]?.command).toBe('helm pull oci://127.0.0.1:5000/files --version v1 --plain-http');
  });

  it('gives oras pull by digest for an artifact without a tag', () => {
    expect(commandsFor('docker-volume', { registry: 'ghcr.io', repository: 'acme/vol', digest })).toEqual([
      { id: 'oras-pull', label: 'ORAS', command: `oras pull ghcr.io/acme/vol@${digest}` },
    ]);
  });

  it('gives the native tools for Flux and Singularity', () => {
    expect(commandsFor('flux', { registry: 'ghcr.io', repository: 'acme/fleet', tag: 'main' })[0]?.command).toBe(
      'flux pull artifact oci://ghcr.io/acme/fleet:main --output ./fleet',
    );
    expect(commandsFor('singularity', { registry: 'ghcr.io', repository: 'acme/lolcow', tag: 'latest' })[0]?.command).toBe(
      'apptainer pull oras://ghcr.io/acme/lolcow:latest',
    );
  });

  it('offers nothing for an unreadable manifest', () => {
    expect(commandsFor('unreadable', { registry: 'ghcr.io', repository: 'acme/x', tag: 'v1' })).toEqual([]);
  });

  it.each([
    [{ registry: 'ghcr.io;rm -rf ~', repository: 'a', tag: 'v1' }, /registry address/],
    [{ registry: 'ghcr.io', repository: 'Acme/Web', tag: 'v1' }, /repository name/],
    [{ registry: 'ghcr.io', repository: 'a/../b', tag: 'v1' }, /repository name/],
    [{ registry: 'ghcr.io', repository: 'a', tag: '$(id)' }, /tag is not valid/],
    [{ registry: 'ghcr.io', repository: 'a', digest: 'sha256:xyz' }, /digest is not valid/],
    [{ registry: 'ghcr.io', repository: 'a' }, /tag or a digest/],
  ])('refuses a reference that could smuggle shell syntax or is incomplete (%o)', (ref, message) => {
    expect(() => commandsFor('image', ref)).toThrow(ContractError);
    expect(() => commandsFor('image', ref)).toThrow(message);
  });
});

describe('references for display', () => {
  it('normalises Docker Hub names', () => {
    expect(displayReference({ registry: 'index.docker.io', repository: 'redis', tag: '7' })).toBe('docker.io/library/redis:7');
    expect(familiarReference({ registry: 'registry-1.docker.io', repository: 'grafana/grafana', tag: '11.0.0' })).toBe('grafana/grafana:11.0.0');
    expect(displayReference({ registry: 'GHCR.io', repository: 'acme/web', digest })).toBe(`ghcr.io/acme/web@${digest}`);
  });

  it('accepts bracketed IPv6 hosts with a port', () => {
    expect(displayReference({ registry: '[::1]:5000', repository: 'a', tag: 'v1' })).toBe('[::1]:5000/a:v1');
  });
});

describe('helpers', () => {
  it('turns Helm tags back into versions', () => {
    expect(helmVersionFromTag('1.2.3_rc.1')).toBe('1.2.3+rc.1');
    expect(helmVersionFromTag('1.2.3')).toBe('1.2.3');
  });

  it('derives a release name Helm accepts', () => {
    expect(helmReleaseName('charts/My_Chart.v2')).toBe('my-chart-v2');
    expect(helmReleaseName('charts/___')).toBe('release');
    expect(helmReleaseName(`c/${'a'.repeat(80)}`)).toHaveLength(53);
  });

  it('quotes shell words only when needed, safely', () => {
    expect(shellQuote('ghcr.io/a/b:1.0')).toBe('ghcr.io/a/b:1.0');
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
    expect(shellQuote('')).toBe("''");
  });
});
