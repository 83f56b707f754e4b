import { type Lang } from '../model/text.ts';

/** Options every cluster command takes. */
export interface ClusterFlags {
  context?: string;
  kubeconfig?: string;
  lang: Lang;
  /** An image archive to load into the kind cluster first (start, smoke and grade). */
  images?: string;
}
