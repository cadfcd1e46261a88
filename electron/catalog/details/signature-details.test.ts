import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateSigner, notationSigner, signatureView } from './signature-details';

/** A real self-signed certificate from openssl, with the identity where Fulcio puts it (SAN). */
function certificate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sig-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/O=sigstore.dev', '-addext', 'subjectAltName=email:alice@example.com', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    return readFileSync(join(dir, 'c.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('signature details', () => {
  it('names the signer from a cosign certificate annotation (SAN first)', () => {
    const pem = certificate();
    expect(certificateSigner(pem)).toBe('email:alice@example.com');
    expect(signatureView('cosign', [{ 'dev.sigstore.cosign/certificate': pem }], { signedDigest: 'sha256:ab' })).toEqual({ tool: 'cosign', signedDigest: 'sha256:ab', signer: 'email:alice@example.com' });
  });

  it('reads the signing agent from a Notation JWS envelope, and ignores garbage', () => {
    expect(notationSigner(JSON.stringify({ header: { 'io.cncf.notary.signingAgent': 'notation-go/1.1.0', x5c: ['bm90IGEgY2VydA'] } }))).toBe('notation-go/1.1.0');
    expect(notationSigner('{')).toBeUndefined();
    expect(certificateSigner('-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----')).toBeUndefined();
  });
});
