import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TINY_WASM } from '../support/seed/artifacts';
import { sha256Digest, utf8 } from '../support/seed/content';
import { chartArchive } from '../support/seed/helm';
import { screenshotPath } from './fixtures';
import { EMPTY_CONFIG, ORAS_DEFAULT_LAYER, TITLE, CREATED, TARGET_NAME, sbomDocument, test, expect, manifestOf, fileLayer, blobOf, writeTree, fillTarget, setCreated, expectKindInCatalog, showTarget, type Descriptor, type Index } from './publish-fixtures';

test.describe('publish', () => {
  test('text files dropped on the window land as ORAS file layers, and show in the catalog without Refresh', async ({ shell, target }) => {
    const { publisher } = shell;
    await showTarget(shell);
    const files = [
      { name: 'readme.md', content: '# Docs\n' },
      { name: 'notes.txt', content: 'two\n' },
    ];
    await publisher.dropFiles(shell.catalog.main, files);
    await expect(publisher.panel).toBeVisible();
    await expect(publisher.kind).toHaveValue('files');
    await publisher.repository.fill('Docs');
    await expect(publisher.panel.getByText(/lower case/)).toBeVisible();
    await expect(publisher.publishButton).toBeDisabled();
    await publisher.repository.fill('docs');
    await publisher.tags.fill('v1, 1.0+x');
    await expect(publisher.panel.getByText(/"\+" is not allowed in a tag/)).toBeVisible();
    await publisher.tags.fill('v1');
    const readmeType = publisher.panel.getByRole('textbox', { name: 'Media type of readme.md' });
    await expect(readmeType).toHaveAttribute('placeholder', ORAS_DEFAULT_LAYER);
    await readmeType.fill('text markdown');
    await expect(publisher.panel.getByText(/is not a media type|type\/subtype/)).toBeVisible();
    await readmeType.fill('text/markdown');
    await publisher.previewDigest();
    const card = await publisher.publish();
    await expect(card).toContainText('docs');
    const { digest, manifest } = await manifestOf(target, 'docs', 'v1');
    expect(manifest).toMatchObject({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.unknown.artifact.v1' });
    expect(manifest.config).toEqual(EMPTY_CONFIG);
    const expected = [fileLayer('readme.md', '# Docs\n', 'text/markdown'), fileLayer('notes.txt', 'two\n')];
    expect([...manifest.layers].sort((a, b) => a.digest.localeCompare(b.digest))).toEqual(expected.sort((a, b) => a.digest.localeCompare(b.digest)));
    expect(manifest.annotations?.[CREATED]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    const notice = publisher.notices.getByRole('status', { name: 'Published docs:v1' });
    await expect(notice.getByRole('code')).toHaveText(digest);
    await notice.getByRole('button', { name: 'Open the artifact' }).click();
    await expect(shell.catalog.artifactHeading).toHaveText('docs:v1');
    await expectKindInCatalog(shell, 'docs', 'Other');
  });

  test('a nested folder with an empty folder, dropped from disk on a registry, becomes one reproducible tar+gzip layer', async ({ shell, target }) => {
    const { publisher } = shell;
    const root = await writeTree(target, 'site', { 'index.html': '<h1>hi</h1>\n', 'css/main.css': 'h1{}\n', 'img/logo/': '', 'empty/': '' });
    await publisher.dropPaths(shell.app.registry(TARGET_NAME), [root]);
    await expect(publisher.panel).toBeVisible();
    await expect(publisher.kind).toHaveValue('folder');
    await expect(publisher.panel.getByText('site/')).toBeVisible();
    await fillTarget(publisher, 'site', 'v1');
    await setCreated(publisher, 'Off');
    const previewed = await publisher.previewDigest();
    await publisher.publish();
    const { digest, manifest } = await manifestOf(target, 'site', 'v1');
    expect(digest).toBe(previewed);
    expect(manifest.artifactType).toBe('application/vnd.unknown.artifact.v1');
    expect(manifest.config).toEqual(EMPTY_CONFIG);
    expect(manifest.annotations).toBeUndefined();
    expect(manifest.layers).toHaveLength(1);
    const layer = manifest.layers[0] as Descriptor;
    expect(layer.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    const gz = await blobOf(target, 'site', layer.digest);
    const tarBytes = gunzipSync(gz);
    expect(layer.annotations).toEqual({ [TITLE]: 'site', 'io.deis.oras.content.digest': sha256Digest(tarBytes), 'io.deis.oras.content.unpack': 'true' });
    // The gzip header carries no name and no time (FLG 0, MTIME 0), as oras writes it.
    expect(gz[3]).toBe(0);
    expect(gz.readUInt32LE(4)).toBe(0);
    const layerFile = join(target.dir, 'site-layer.tar');
    await writeFile(layerFile, tarBytes);
    const entries = execFileSync('tar', ['-tf', layerFile], { encoding: 'utf8' }).trim().split('\n');
    expect(entries).toEqual(expect.arrayContaining(['site/', 'site/css/main.css', 'site/empty/', 'site/img/logo/', 'site/index.html']));
    await expectKindInCatalog(shell, 'site', 'Other');
  });

  test('a folder from the folder picker on a repository goes to that repository', async ({ shell, target }) => {
    const { publisher, catalog } = shell;
    const root = await writeTree(target, 'bundle', { 'a.txt': 'a\n', 'deep/er/b.txt': 'b\n' });
    await catalog.openRepository('app');
    await publisher.pick(catalog.main, 'folder', root);
    await expect(publisher.panel).toBeVisible();
    await expect(publisher.repository).toHaveValue('app');
    await expect(publisher.kind).toHaveValue('folder');
    await publisher.tags.fill('bundle');
    await publisher.publish();
    const { manifest } = await manifestOf(target, 'app', 'bundle');
    const layer = manifest.layers[0] as Descriptor;
    const layerFile = join(target.dir, 'bundle-layer.tgz');
    await writeFile(layerFile, await blobOf(target, 'app', layer.digest));
    expect(execFileSync('tar', ['-tzf', layerFile], { encoding: 'utf8' }).trim().split('\n')).toEqual(expect.arrayContaining(['bundle/a.txt', 'bundle/deep/er/b.txt']));
    await expect(catalog.tag('bundle')).toBeVisible();
  });

  test('a Helm chart .tgz from the files picker lands at <repository>/<chart> with Helm\'s layout and a version tag', async ({ shell, target }) => {
    const { publisher } = shell;
    const chart = chartArchive({ name: 'demo', version: '1.2.3+build.1', appVersion: '2.0', description: 'A demo chart', created: '2024-05-01T12:00:00Z' });
    const file = join(target.dir, 'demo-1.2.3+build.1.tgz');
    await writeFile(file, chart.bytes);
    await showTarget(shell);
    await publisher.pick(shell.catalog.main, 'files', file);
    await expect(publisher.kind).toHaveValue('helm');
    await expect(publisher.tags).toHaveValue('1.2.3_build.1');
    await publisher.repository.fill('charts');
    await expect(publisher.panel.getByText('charts/demo', { exact: true }).first()).toBeVisible();
    await publisher.publish();
    const { manifest } = await manifestOf(target, 'charts/demo', '1.2.3_build.1');
    expect(manifest.artifactType).toBeUndefined();
    expect(manifest.config.mediaType).toBe('application/vnd.cncf.helm.config.v1+json');
    const config = JSON.parse((await blobOf(target, 'charts/demo', manifest.config.digest)).toString('utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ name: 'demo', version: '1.2.3+build.1', apiVersion: 'v2', appVersion: '2.0', description: 'A demo chart' });
    expect(manifest.layers).toEqual([{ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: sha256Digest(chart.bytes), size: chart.bytes.byteLength }]);
    expect(manifest.annotations).toMatchObject({ [TITLE]: 'demo', 'org.opencontainers.image.version': '1.2.3+build.1', 'org.opencontainers.image.description': 'A demo chart' });
    await expectKindInCatalog(shell, 'charts/demo', 'Helm chart');
  });

  test('a .wasm dropped from disk on a repository row follows the CNCF Wasm layout', async ({ shell, target }) => {
    const { publisher, catalog } = shell;
    const file = join(target.dir, 'hello.wasm');
    await writeFile(file, TINY_WASM);
    await catalog.search.fill('app');
    await publisher.dropPaths(catalog.repository('app'), [file]);
    await expect(publisher.kind).toHaveValue('wasm');
    await expect(publisher.repository).toHaveValue('app');
    await publisher.repository.fill('wasm/hello');
    await publisher.tags.fill('v1');
    await publisher.publish();
    const { manifest } = await manifestOf(target, 'wasm/hello', 'v1');
    const layer = { mediaType: 'application/wasm', digest: sha256Digest(TINY_WASM), size: TINY_WASM.byteLength };
    expect(manifest.config.mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(manifest.layers).toEqual([{ ...layer, annotations: { [TITLE]: 'hello.wasm' } }]);
    const config = JSON.parse((await blobOf(target, 'wasm/hello', manifest.config.digest)).toString('utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ architecture: 'wasm', os: 'wasip1', layerDigests: [layer.digest] });
    await expectKindInCatalog(shell, 'wasm/hello', 'Wasm');
  });

  test('an SPDX SBOM dropped on an image is attached as its referrer, and the image shows it without Refresh', async ({ shell, target }) => {
    const { publisher, catalog } = shell;
    await catalog.openRepository('app');
    await catalog.openTag('1.0');
    await publisher.dropFiles(catalog.main.getByRole('article'), [{ name: 'sbom.spdx.json', content: sbomDocument }]);
    await expect(publisher.kind).toHaveValue('sbom');
    await expect(publisher.panel.getByRole('checkbox', { name: /^Attach to/ })).toBeChecked();
    await expect(publisher.tags).toHaveValue('');
    await setCreated(publisher, 'Off');
    const previewed = await publisher.previewDigest();
    await publisher.publish();
    const { manifest } = await manifestOf(target, 'app', previewed);
    expect(manifest).toMatchObject({ artifactType: 'application/spdx+json' });
    expect(manifest.config).toEqual(EMPTY_CONFIG);
    expect(manifest.subject).toEqual({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: target.image.digest, size: target.image.size });
    expect(manifest.layers).toEqual([fileLayer('sbom.spdx.json', sbomDocument, 'application/spdx+json')]);
    // Distribution has no referrers API: the sha256-<hex> tag index lists it.
    const { manifest: index } = (await manifestOf(target, 'app', target.image.digest.replace(':', '-'))) as unknown as { manifest: Index };
    expect(index.manifests.map((m) => m.digest)).toContain(previewed);
    await expect(catalog.section(/^Referrers/).getByText(/SBOM/).first()).toBeVisible();
  });

  test('a Docker volume in both forms: artifactType, and config media type with a config file', async ({ shell, target }) => {
    const { publisher } = shell;
    await showTarget(shell);
    const files = [
      { name: 'data.txt', content: 'volume data\n' },
      { name: 'config.json', content: '{"driver":"local"}' },
    ];
    await publisher.dropFiles(shell.catalog.main, files);
    await publisher.setKind('Docker volume');
    await fillTarget(publisher, 'volumes/data', 'artifact-type');
    await publisher.publish();
    const first = await manifestOf(target, 'volumes/data', 'artifact-type');
    expect(first.manifest.artifactType).toBe('application/vnd.docker.volume.v1+tar.gz');
    expect(first.manifest.config).toEqual(EMPTY_CONFIG);
    expect(first.manifest.layers).toHaveLength(2);

    await publisher.dropFiles(shell.catalog.main, files);
    await publisher.setKind('Docker volume');
    await fillTarget(publisher, 'volumes/data', 'config-form');
    await publisher.panel.getByRole('radio', { name: /config media type/ }).check();
    await publisher.panel.getByRole('combobox', { name: 'Config file' }).selectOption({ label: 'config.json' });
    await publisher.publish();
    const second = await manifestOf(target, 'volumes/data', 'config-form');
    expect(second.manifest.artifactType).toBeUndefined();
    expect(second.manifest.config).toEqual({ mediaType: 'application/vnd.docker.volume.v1+tar.gz', digest: sha256Digest(utf8('{"driver":"local"}')), size: 18 });
    expect(second.manifest.layers).toEqual([fileLayer('data.txt', 'volume data\n')]);
    await expectKindInCatalog(shell, 'volumes/data', 'Docker volume');
  });

  test('a custom type with its own config, and the same files twice with created off give the same digest', async ({ shell, target }, testInfo) => {
    const { publisher } = shell;
    await showTarget(shell);
    const files = [
      { name: 'widget.bin', content: 'widget bytes\n' },
      { name: 'widget.json', content: '{"size":3}' },
    ];
    const digests: string[] = [];
    for (const tag of ['one', 'two']) {
      await publisher.dropFiles(shell.catalog.main, files);
      await publisher.setKind('Custom type');
      await expect(publisher.panel.getByText(/needs an artifact type/)).toBeVisible();
      await publisher.panel.getByRole('textbox', { name: 'Artifact type' }).fill('application/vnd.example.widget.v1');
      await publisher.panel.getByRole('textbox', { name: 'Config media type' }).fill('application/vnd.example.widget.config.v1+json');
      await publisher.panel.getByRole('combobox', { name: 'Config file' }).selectOption({ label: 'widget.json' });
      await fillTarget(publisher, 'widgets', tag);
      await setCreated(publisher, 'Off');
      const previewed = await publisher.previewDigest();
      if (tag === 'two') {
        // The README's picture: the panel with its live manifest, beside the queue holding the first publish.
        await publisher.page.setViewportSize({ width: 1600, height: 1000 });
        await publisher.repository.scrollIntoViewIfNeeded();
        await expect(publisher.dock.getByRole('article').first()).toHaveAttribute('data-state', 'done');
        await publisher.page.screenshot({ path: screenshotPath(testInfo, 'publish.png') });
      }
      await publisher.publish();
      const { digest, manifest } = await manifestOf(target, 'widgets', tag);
      expect(digest).toBe(previewed);
      expect(manifest).toEqual({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.example.widget.v1',
        config: { mediaType: 'application/vnd.example.widget.config.v1+json', digest: sha256Digest(utf8('{"size":3}')), size: 10 },
        layers: [fileLayer('widget.bin', 'widget bytes\n')],
      });
      digests.push(digest);
    }
    expect(digests[1]).toBe(digests[0]);
    // The second time the registry had every blob: the queue says so, and nothing was sent again.
    const card = publisher.dock.getByRole('article').first();
    await card.getByRole('button', { name: /^Files/ }).click();
    await expect(card.getByRole('row', { name: /widget\.bin/ })).toHaveAttribute('data-item-state', 'exists');
    await card.getByRole('button', { name: 'Dismiss' }).click();
    await expect(publisher.dock.getByRole('article')).toHaveCount(1);
    await expectKindInCatalog(shell, 'widgets', 'Other');
  });
});
