import { expect } from 'vitest';
import { ContractError } from '../../../shared/contract';

/** The ContractError `work` rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(work: Promise<unknown>): Promise<ContractError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractError);
  return error as ContractError;
}
