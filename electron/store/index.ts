// The Local registry: an OCI image layout store behind the storage interface (electron/oci/storage.ts).
export { LocalStore, openLocalStore } from './local-store';
export { LayoutRepository } from './layout-repository';
export { LayoutDamaged } from './layout-errors';
export { localRoot, repositoryDir } from './layout-paths';
export { REF_NAME } from './layout-index';
export type { LocalStoreOptions } from './layout-context';
export type { GcResult } from './layout-gc';
