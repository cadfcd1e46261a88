import { X509Certificate } from 'node:crypto';
import type { SignatureDetails } from '../../../shared/contract';
import { isObject } from './json-view';

const COSIGN_CERTIFICATE = 'dev.sigstore.cosign/certificate';

/** Who signed, from a PEM certificate: the SAN (Fulcio puts the identity there), else the subject. */
export function certificateSigner(pem: string): string | undefined {
  try {
    const cert = new X509Certificate(pem);
    return (cert.subjectAltName ?? cert.subject).slice(0, 1024) || undefined;
  } catch {
    return undefined;
  }
}

/** A Notation JWS envelope's signing agent and certificate subject. */
export function notationSigner(envelopeText: string): string | undefined {
  try {
    const envelope = JSON.parse(envelopeText) as unknown;
    if (!isObject(envelope) || !isObject(envelope.header)) return undefined;
    const agent = typeof envelope.header['io.cncf.notary.signingAgent'] === 'string' ? envelope.header['io.cncf.notary.signingAgent'].slice(0, 256) : undefined;
    const chain = Array.isArray(envelope.header.x5c) ? envelope.header.x5c : [];
    const first = typeof chain[0] === 'string' ? chain[0] : undefined;
    let subject: string | undefined;
    if (first) {
      try {
        subject = new X509Certificate(Buffer.from(first, 'base64url')).subject.replace(/\n/g, ', ');
      } catch {
        subject = undefined;
      }
    }
    return [subject, agent].filter(Boolean).join(' — ') || undefined;
  } catch {
    return undefined;
  }
}

export function signatureView(
  tool: SignatureDetails['tool'],
  layerAnnotations: Record<string, string>[],
  options: { signedDigest?: string; predicateType?: string; envelope?: string },
): SignatureDetails {
  const view: SignatureDetails = { tool };
  if (options.signedDigest) view.signedDigest = options.signedDigest;
  if (options.predicateType) view.predicateType = options.predicateType;
  const pem = layerAnnotations.map((a) => a[COSIGN_CERTIFICATE]).find(Boolean);
  const signer = (pem && certificateSigner(pem)) ?? (options.envelope ? notationSigner(options.envelope) : undefined);
  if (signer) view.signer = signer;
  return view;
}
