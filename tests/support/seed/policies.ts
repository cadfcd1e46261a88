import { ANNOTATION, MT } from './media-types';
import { orasPush, type BuiltArtifact } from './artifacts';
import { sha256Digest } from './content';
import { gzip, tar } from './tar';

const REGO = 'package main\n\ndeny[msg] {\n  input.kind == "Deployment"\n  not input.spec.template.spec.securityContext.runAsNonRoot\n  msg := "containers must not run as root"\n}\n';

/** `conftest push`: OPA config, one rego layer per policy file, one data layer. */
export function opaBundle(created: string): BuiltArtifact {
  return orasPush({
    kind: 'opa',
    config: { mediaType: MT.opaConfig, content: '{}' },
    files: [
      { name: 'policy/deny.rego', mediaType: MT.opaRego, content: REGO },
      { name: 'data/data.json', mediaType: MT.opaData, content: '{"allowedRegistries":["registry.example.com"]}\n' },
    ],
    created,
  });
}

export function kyvernoPolicy(created: string): BuiltArtifact {
  const policy = [
    'apiVersion: kyverno.io/v1',
    'kind: ClusterPolicy',
    'metadata:',
    '  name: require-labels',
    'spec:',
    '  validationFailureAction: Enforce',
    '  rules:',
    '    - name: check-team',
    '      match:',
    '        any:',
    '          - resources:',
    '              kinds: [Pod]',
    '      validate:',
    '        message: "label team is required"',
    '        pattern:',
    '          metadata:',
    '            labels:',
    '              team: "?*"',
    '',
  ].join('\n');
  return orasPush({
    kind: 'kyverno',
    config: { mediaType: MT.kyvernoConfig, content: '{}' },
    files: [{ name: 'require-labels.yaml', mediaType: MT.kyvernoPolicy, content: policy }],
    created,
  });
}

/** `falcoctl registry push --type rulesfile`: config lists requirements, the rules are a tar.gz layer. */
export function falcoRules(created: string): BuiltArtifact {
  const rules = '- rule: Shell in container\n  desc: A shell was started in a container\n  condition: spawned_process and container and proc.name = bash\n  output: "Shell (user=%user.name container=%container.id)"\n  priority: WARNING\n';
  return orasPush({
    kind: 'falco',
    config: { mediaType: MT.falcoRulesConfig, content: '{"requirements":[{"name":"engine_version_semver","version":"0.31.0"}]}' },
    files: [{ name: 'seed_rules.yaml.tar.gz', mediaType: MT.falcoRulesLayer, content: gzip(tar([{ path: 'seed_rules.yaml', content: rules }])) }],
    created,
  });
}

/** `flux push artifact`: flux config, one tar+gzip content layer, source and revision annotations. */
export function fluxArtifact(created: string): BuiltArtifact {
  const content = gzip(tar([{ path: 'deploy/' }, { path: 'deploy/namespace.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n' }]));
  return orasPush({
    kind: 'flux',
    config: { mediaType: MT.fluxConfig, content: '{}' },
    files: [{ name: 'manifests.tar.gz', mediaType: MT.fluxContent, content }],
    created,
    annotations: { [ANNOTATION.source]: 'https://github.com/example/demo', [ANNOTATION.revision]: 'main@sha1:0123456789abcdef0123456789abcdef01234567' },
  });
}

/** `singularity push`: SIF config and one SIF layer. The content only starts like a SIF file. */
export function singularityImage(created: string): BuiltArtifact {
  const sif = Buffer.concat([Buffer.from('#!/usr/bin/env run-singularity\n'), Buffer.from('SIF_MAGIC\0'), Buffer.alloc(54)]);
  return orasPush({
    kind: 'singularity',
    config: { mediaType: MT.sifConfig, content: '{}' },
    files: [{ name: 'lolcow.sif', mediaType: MT.sifLayer, content: sif }],
    created,
  });
}

/** `oras push host/repo site/`: a directory becomes one tar+gzip layer with the unpack annotations. */
export function orasDirectory(created: string): BuiltArtifact {
  const dirTar = tar([{ path: 'site/' }, { path: 'site/index.html', content: '<h1>hello</h1>\n' }, { path: 'site/style.css', content: 'h1{color:teal}\n' }]);
  return orasPush({
    kind: 'other',
    artifactType: MT.orasUnknownArtifact,
    files: [
      {
        name: 'site',
        mediaType: MT.ociLayerTarGzip,
        content: gzip(dirTar),
        annotations: { [ANNOTATION.orasContentDigest]: sha256Digest(dirTar), [ANNOTATION.orasUnpack]: 'true' },
      },
    ],
    created,
    facts: { shownMediaType: MT.orasUnknownArtifact },
  });
}

/** An artifactType nobody knows: the catalog must call it "Other" and show the type on hover. */
export function acmeWidget(created: string): BuiltArtifact {
  return orasPush({
    kind: 'other',
    artifactType: MT.acmeWidget,
    files: [{ name: 'widget.json', mediaType: MT.acmeWidgetLayer, content: '{"gears":3,"colour":"teal"}' }],
    created,
    facts: { shownMediaType: MT.acmeWidget },
  });
}
