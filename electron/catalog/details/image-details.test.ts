import { describe, expect, it } from 'vitest';
import { imageConfigView } from './image-details';

describe('image config facts', () => {
  it('keeps history entries with their own created times', () => {
    const view = imageConfigView({ history: [{ created: '2024-05-01T12:00:00Z', created_by: 'COPY . /', empty_layer: true }, 'junk'] });
    expect(view.history).toEqual([{ created: '2024-05-01T12:00:00Z', createdBy: 'COPY . /', emptyLayer: true }]);
  });
});
