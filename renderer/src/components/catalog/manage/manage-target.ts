import { artifactName } from '../../../lib/format';

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
  return artifactName(target.repository, target.reference);
}
