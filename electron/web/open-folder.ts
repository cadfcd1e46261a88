import { ContractError } from '../../shared/contract/errors';
import { canOpenBrowser, openBrowser } from './open-browser';

/**
 * Web mode's "Open folder": the host runs on the user's own machine, so the desktop's default
 * handler (xdg-open, open, start) shows the folder; without a desktop, the message names it.
 */
export async function openFolderOnDesktop(folder: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!canOpenBrowser(env)) throw new ContractError('invalid-input', `There is no desktop here to open it on: the files are in ${folder}.`);
  openBrowser(folder);
}
