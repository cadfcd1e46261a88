import { z } from 'zod';
import { isMediaType } from '../artifacts/media-type-syntax';
import { isDigestString, isRepositoryName, isTagName } from '../artifacts/name-grammar';

/** The distribution spec's repository name grammar (lower case path components). */
export const repositoryName = z.string().min(1).max(255).refine(isRepositoryName, 'not a valid repository name');

export const tagName = z.string().refine(isTagName, 'not a valid tag');

export const digestString = z.string().refine(isDigestString, 'not a valid digest');

export const mediaTypeString = z.string().refine(isMediaType, 'not a valid media type (type/subtype)');
