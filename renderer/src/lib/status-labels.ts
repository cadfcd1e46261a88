import type { RegistryState } from '../../../shared/contract';

export const statusLabels: Record<RegistryState, string> = {
  unknown: 'not checked',
  checking: 'checking…',
  connected: 'connected',
  'login-needed': 'login needed',
  unreachable: 'unreachable',
  'tls-error': 'TLS problem',
  error: 'error',
};

export const statusFallbackReason: Record<RegistryState, string> = {
  unknown: 'Not checked yet.',
  checking: 'Asking the registry who it is…',
  connected: 'The registry answers.',
  'login-needed': 'The registry asks for a login.',
  unreachable: 'The registry could not be reached.',
  'tls-error': 'The TLS connection failed.',
  error: 'The registry answered with an error.',
};
