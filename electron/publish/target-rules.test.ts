import { describe, expect, it } from 'vitest';
import { targetProblems } from './target-rules';

describe('targetProblems', () => {
  it('Docker Hub takes namespace/name', () => {
    expect(targetProblems({ kind: 'dockerhub', host: 'registry-1.docker.io', repository: 'alice/docs' })).toEqual([]);
  });

  it('Docker Hub refuses a deeper path, with an example that fits and why', () => {
    const [problem, ...rest] = targetProblems({ kind: 'dockerhub', host: 'registry-1.docker.io', repository: 'alice/team/docs' });
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^Docker Hub repositories are exactly namespace\/name, such as alice\/team-docs; alice\/team\/docs has 3 parts/);
    expect(problem).toMatch(/login error/);
  });

  it('Docker Hub refuses a name without a namespace', () => {
    expect(targetProblems({ kind: 'dockerhub', host: 'registry-1.docker.io', repository: 'docs' })).toEqual([
      'Docker Hub repositories are namespace/name, such as your-docker-id/docs: put your Docker ID or organization before docs.',
    ]);
  });

  it('a Helm chart: says the chart name is added, so only the namespace is typed', () => {
    const [problem] = targetProblems({ kind: 'dockerhub', host: 'registry-1.docker.io', repository: 'alice/charts/web', addedSuffix: 'web' });
    expect(problem).toMatch(/chart's name, web, is added after what you typed, so type only the namespace/);
  });

  it('a registry saved as generic but on a Docker Hub host gets the same rule', () => {
    expect(targetProblems({ kind: 'generic', host: 'docker.io', repository: 'a/b/c' })).toHaveLength(1);
  });

  it('other registries take deeper paths', () => {
    expect(targetProblems({ kind: 'gitlab', host: 'registry.gitlab.com', repository: 'group/project/sub/image' })).toEqual([]);
    expect(targetProblems({ kind: 'local', host: '127.0.0.1:5000', repository: 'docs' })).toEqual([]);
  });

  it('an opened OCI layout or archive takes nothing: it was opened read-only', () => {
    expect(targetProblems({ kind: 'oci-archive', host: '/home/a/app.tar', repository: 'app' })).toEqual([
      '/home/a/app.tar was opened read-only (OCI archive); publish to Local or a registry instead.',
    ]);
  });
});
