/** The artifact the Retag and Delete dialogs act on. */
export interface ManageTarget {
  registryId: string;
  repository: string;
  /** The tag or digest it was opened by. */
  reference: string;
  /** Its manifest digest, once the details are in. */
  digest?: string;
}

/** `repo:tag`, or `repo@sha256:0123456789ab…` for a digest. */
export function shownName(target: ManageTarget): string {
  return target.reference.includes(':') ? `${target.repository}@${target.reference.slice(0, 19)}…` : `${target.repository}:${target.reference}`;
}
