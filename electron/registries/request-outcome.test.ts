import { describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract';
import { ListingRefused } from '../catalog/listing/repository-lister';
import { LoginRefusedError } from '../oci/auth/login-refused';
import { RegistryError } from '../oci/errors';
import { failureMayChangeStatus } from './request-outcome';

const refusedConnection = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
const badCertificate = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
const aborted = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });

describe('which failed requests may change a registry status', () => {
  it('a refused login, a refused listing, an unreachable host, a TLS failure and a server error may', () => {
    for (const error of [
      new RegistryError('GET', 'http://127.0.0.1:5000/v2/_catalog', 401),
      new LoginRefusedError('127.0.0.1:5000', 'invalid username or password'),
      new ListingRefused('no listing'),
      refusedConnection,
      badCertificate,
      new RegistryError('GET', 'http://127.0.0.1:5000/v2/a/tags/list', 503),
      new ContractError('network', 'The registry could not be reached (ECONNREFUSED).'),
    ]) {
      expect(failureMayChangeStatus(error), String(error)).toBe(true);
    }
  });

  it('a cancellation, a missing repository or tag, a 403 on one repository or a refused input do not', () => {
    for (const error of [
      aborted,
      new ContractError('cancelled', 'Cancelled.'),
      new RegistryError('GET', 'http://127.0.0.1:5000/v2/a/manifests/v1', 404),
      new RegistryError('GET', 'http://127.0.0.1:5000/v2/a/tags/list', 403),
      new RegistryError('PUT', 'http://127.0.0.1:5000/v2/a/manifests/v1', 400),
      new ContractError('not-found', 'No such tag.'),
      new ContractError('denied', 'Not yours.'),
      new ContractError('rate-limited', 'Slow down.'),
      new Error('a bug'),
    ]) {
      expect(failureMayChangeStatus(error), String(error)).toBe(false);
    }
  });
});
