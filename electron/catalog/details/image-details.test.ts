import { describe, expect, it } from 'vitest';
import { configCreated, imageConfigView } from './image-details';

describe('image config facts', () => {
  it('reads created from an OCI or Docker image config', () => {
    expect(configCreated({ created: '2024-05-01T12:00:00Z', architecture: 'amd64', os: 'linux' })).toBe('2024-05-01T12:00:00Z');
    expect(configCreated({ created: '2024-05-01T12:00:00.123456789+02:00' })).toBe('2024-05-01T12:00:00.123456789+02:00');
  });

  it('ignores a created that is missing, not a string, not a date or absurdly long', () => {
    expect(configCreated(undefined)).toBeUndefined();
    expect(configCreated({})).toBeUndefined();
    expect(configCreated({ created: 1714564800 })).toBeUndefined();
    expect(configCreated({ created: 'yesterday-ish' })).toBeUndefined();
    expect(configCreated({ created: `2024-05-01T12:00:00Z${' '.repeat(60)}` })).toBeUndefined();
  });

  it('keeps history entries with their own created times', () => {
    const view = imageConfigView({ history: [{ created: '2024-05-01T12:00:00Z', created_by: 'COPY . /', empty_layer: true }, 'junk'] });
    expect(view.history).toEqual([{ created: '2024-05-01T12:00:00Z', createdBy: 'COPY . /', emptyLayer: true }]);
  });
});
