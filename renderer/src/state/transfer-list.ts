import type { TransferView } from '../../../shared/contract';
import { exportNotice } from './export-notice';

/** A finished publish, as the in-app notification shows it. */
export interface TransferNotice {
  /** The transfer's id: one notice per transfer. */
  id: string;
  ok: boolean;
  title: string;
  /** `host/repository@digest`, to copy. */
  reference?: string;
  digest?: string;
  /** The artifact to open from the notice: by its first tag, else its digest. */
  open?: { registryId: string; repository: string; reference: string };
  message?: string;
}

const finished = (state: TransferView['state']) => state === 'done' || state === 'failed';

/**
 * The list after a `transfers.changed` batch: changed transfers replace theirs, new ones go on
 * top (the list is newest first), the rest keep their place.
 */
export function mergeTransfers(list: readonly TransferView[], changed: readonly TransferView[]): TransferView[] {
  const byId = new Map(changed.map((t) => [t.id, t]));
  const kept = list.map((t) => byId.get(t.id) ?? t);
  const known = new Set(list.map((t) => t.id));
  const added = changed.filter((t) => !known.has(t.id)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return [...added, ...kept];
}

/**
 * Notices for publishes that finished in this batch: seen running (or not seen at all) before,
 * done or failed now. A transfer already finished when the list was loaded gives none.
 */
export function noticesFor(before: readonly TransferView[], changed: readonly TransferView[]): TransferNotice[] {
  const previous = new Map(before.map((t) => [t.id, t.state]));
  const notices: TransferNotice[] = [];
  for (const t of changed) {
    const was = previous.get(t.id);
    if ((t.kind !== 'publish' && t.kind !== 'export') || !finished(t.state) || (was !== undefined && finished(was))) continue;
    notices.push(t.kind === 'export' ? exportNotice(t) : noticeOf(t));
  }
  return notices;
}

function noticeOf(t: TransferView): TransferNotice {
  const r = t.result;
  if (t.state === 'failed') return { id: t.id, ok: false, title: t.title, message: t.error?.message ?? 'The publish failed.' };
  const registryId = r?.registryId ?? t.registryId;
  const repository = r?.repository ?? t.repository;
  const reference = r?.tags?.[0] ?? r?.digest;
  return {
    id: t.id,
    ok: true,
    title: repository ? `Published ${repository}${r?.tags?.[0] ? `:${r.tags[0]}` : ''}` : t.title,
    reference: r?.reference,
    digest: r?.digest,
    open: registryId && repository && reference ? { registryId, repository, reference } : undefined,
  };
}
