import { z } from 'zod';
import { isMediaType } from '../artifacts/media-type-syntax';

/** The distribution spec's repository name grammar (lower case path components). */
export const repositoryName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, 'not a valid repository name');

export const tagName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'not a valid tag');

export const digestString = z.string().regex(/^sha(256:[a-f0-9]{64}|512:[a-f0-9]{128})$/, 'not a valid digest');

export const mediaTypeString = z.string().refine(isMediaType, 'not a valid media type (type/subtype)');
