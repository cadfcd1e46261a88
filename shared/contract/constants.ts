// Values of the contract that the renderer uses at run time. This file imports nothing: the page
// must not load zod (its eval probe is a CSP violation there, and the page does not need it).

export const publishKinds = ['files', 'folder', 'helm', 'volume', 'wasm', 'sbom', 'opa', 'custom'] as const;

/** Tags one copy may set at its destination. */
export const MAX_COPY_TAGS = 20;

/** Tags one retag may add or move at once. */
export const MAX_RETAG_TAGS = 50;
