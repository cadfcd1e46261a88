import { afterAll } from 'vitest';
import { stopAllProcesses } from './processes';
import { stopAllRegistries } from './registry';

// Runs after each integration file: nothing a file started outlives it, even if the file forgot.
afterAll(async () => {
  await stopAllRegistries();
  await stopAllProcesses();
});
