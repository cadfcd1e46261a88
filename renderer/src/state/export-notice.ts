import type { TransferView } from '../../../shared/contract';
import type { TransferNotice } from './transfer-list';

/** The notice of a finished export: it names the archive or folder written (the summary's first line), or why it failed. */
export function exportNotice(t: TransferView): TransferNotice {
  if (t.state === 'failed') return { id: t.id, ok: false, title: t.title, message: t.error?.message ?? 'The export failed.' };
  const r = t.result;
  return {
    id: t.id,
    ok: true,
    title: t.title.replace(/^Export /, 'Exported '),
    ...(r?.summary?.[0] !== undefined ? { message: r.summary[0] } : {}),
    ...(r?.digest !== undefined ? { digest: r.digest } : {}),
    ...(r?.reference !== undefined ? { reference: r.reference } : {}),
  };
}
