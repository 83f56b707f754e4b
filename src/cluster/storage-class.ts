import { view, type RawStorageClass } from '../k8s/raw.ts';
import { KIND, type ApiObject, type KubeClient } from '../model/kube.ts';
import { type Text } from '../model/text.ts';
import { MSG } from './messages.ts';

/** The StorageClass the seed's manifests ask for (Docker Desktop's). */
export const SEED_CLASS = 'hostpath';

/**
 * Makes `storageClassName: hostpath` work on a cluster that lacks it, by adding a class served by the
 * provisioner of the cluster's default class (kind's local-path, for one). Returns what it did.
 */
export async function ensureSeedStorageClass(kube: KubeClient): Promise<{ created: boolean; provisioner?: string; problem?: Text }> {
  if (await kube.get(KIND.storageClass, SEED_CLASS)) return { created: false };
  const classes = await kube.list(KIND.storageClass);
  const isDefault = (c: ApiObject) => view<RawStorageClass>(c).metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
  const model = classes.find(isDefault) ?? classes[0];
  if (!model) return { created: false, problem: MSG.noStorageClassAtAll };
  const m = model as ApiObject & { provisioner: string; parameters?: Record<string, string>; volumeBindingMode?: string };
  await kube.create({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: SEED_CLASS, labels: { 'app.kubernetes.io/managed-by': 'labs' } },
    provisioner: m.provisioner,
    ...(m.parameters ? { parameters: m.parameters } : {}),
    reclaimPolicy: 'Delete',
    volumeBindingMode: m.volumeBindingMode ?? 'Immediate',
  });
  return { created: true, provisioner: m.provisioner };
}
