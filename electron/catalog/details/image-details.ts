import type { ImageDetails } from '../../../shared/contract';
import { isObject, stringList, stringRecord, type Json } from './json-view';

/** Entrypoint, cmd, env, ports, labels and history from an image config (OCI or Docker). */
export function imageConfigView(config: unknown): Pick<ImageDetails, 'config' | 'history'> {
  if (!isObject(config)) return { history: [] };
  const inner: Json = isObject(config.config) ? config.config : {};
  const view: NonNullable<ImageDetails['config']> = {};
  const entrypoint = stringList(inner.Entrypoint);
  const cmd = stringList(inner.Cmd);
  const env = stringList(inner.Env);
  if (entrypoint) view.entrypoint = entrypoint;
  if (cmd) view.cmd = cmd;
  if (env) view.env = env;
  if (isObject(inner.ExposedPorts)) view.exposedPorts = Object.keys(inner.ExposedPorts).slice(0, 1000);
  if (isObject(inner.Labels)) view.labels = stringRecord(inner.Labels, 1000);
  if (typeof inner.WorkingDir === 'string' && inner.WorkingDir) view.workingDir = inner.WorkingDir.slice(0, 4096);
  if (typeof inner.User === 'string' && inner.User) view.user = inner.User.slice(0, 256);
  const history = (Array.isArray(config.history) ? config.history : []).slice(0, 1000).flatMap((h: unknown) => {
    if (!isObject(h)) return [];
    const entry: ImageDetails['history'][number] = {};
    if (typeof h.created === 'string') entry.created = h.created.slice(0, 64);
    if (typeof h.created_by === 'string') entry.createdBy = h.created_by.slice(0, 8192);
    if (typeof h.comment === 'string') entry.comment = h.comment.slice(0, 4096);
    if (h.empty_layer === true) entry.emptyLayer = true;
    return [entry];
  });
  return { config: view, history };
}
