import { describe, expect, it } from 'vitest';
import { parseManifests } from '../load/manifests.ts';
import { applyPolicy } from './policy.ts';

function decide(yaml: string) {
  return applyPolicy(parseManifests(yaml, 'alice/x.yaml').objects, 'default');
}

const pod = (spec: string, kind = 'Pod') => `apiVersion: v1\nkind: ${kind}\nmetadata: {name: p}\nspec:\n${spec}`;
const deployment = (podSpec: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n${podSpec.replace(/^/gm, '      ')}`;

describe('grading policy', () => {
  it.each([
    ['ClusterRoleBinding', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: x}', /cluster-scoped/],
    ['ClusterRole', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: x}', /cluster-scoped/],
    ['PersistentVolume', 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: x}', /cluster-scoped/],
    ['StorageClass', 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: x}', /cluster-scoped/],
    ['Namespace', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}', /cluster-scoped/],
    ['CRD', 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}', /cluster-scoped/],
    ['webhook', 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name: x}', /cluster-scoped/],
    ['a RoleBinding', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: x}', /not a kind submissions may create/],
    ['an unknown kind', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: x}', /not a kind submissions may create/],
    ['another namespace', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: kube-system}', /aims at another namespace/],
    ['a privileged container', pod('  containers:\n  - name: c\n    image: busybox\n    securityContext: {privileged: true}'), /privileged containers/],
    ['added capabilities', pod('  containers:\n  - name: c\n    image: busybox\n    securityContext: {capabilities: {add: [NET_ADMIN]}}'), /capabilities.add NET_ADMIN/],
    ['a privileged init container', pod('  initContainers:\n  - name: i\n    securityContext: {privileged: true}\n  containers: []'), /initContainers\[i\]: privileged/],
    ['hostPath', deployment('volumes:\n- name: h\n  hostPath: {path: /}\ncontainers: []'), /spec.template.spec.volumes\[h\]: hostPath/],
    ['hostNetwork', pod('  hostNetwork: true\n  containers: []'), /hostNetwork: true/],
    ['hostPID', pod('  hostPID: true\n  containers: []'), /hostPID: true/],
    ['hostIPC', pod('  hostIPC: true\n  containers: []'), /hostIPC: true/],
    ['a hostPort', pod('  containers:\n  - name: c\n    ports: [{containerPort: 80, hostPort: 80}]'), /hostPort/],
    ['a NodePort Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: NodePort}', /NodePort opens ports/],
    ['externalIPs', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {externalIPs: [1.2.3.4]}', /externalIPs/],
    ['a PVC pinned to a PV', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec: {volumeName: pv-of-bob}', /volumeName/],
    ['finalizers', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [example.com/never]}', /finalizers/],
    ['a CronJob with hostPath', 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: j}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          volumes: [{name: h, hostPath: {path: /etc}}]\n          containers: []', /jobTemplate.spec.template.spec.volumes\[h\]/],
  ])('refuses %s, naming file and line', (_name, yaml, reason) => {
    const r = decide(`# a comment\n${yaml}`);
    expect(r.allowed).toHaveLength(0);
    expect(r.rejected[0]).toMatchObject({ file: 'alice/x.yaml', line: 2 });
    expect(r.rejected[0]!.reason).toMatch(reason);
  });

  it.each([
    ['the seed PVC', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: mysql-pvc}\nspec: {accessModes: [ReadWriteOnce], storageClassName: hostpath}'],
    ['a headless Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: redis-headless}\nspec: {clusterIP: None}'],
    ['a Deployment with a PVC', deployment('volumes:\n- name: v\n  persistentVolumeClaim: {claimName: mysql-pvc}\ncontainers:\n- name: c\n  image: mysql:8.0')],
    ['a StatefulSet', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: redis}\nspec: {serviceName: redis-headless}'],
    ['namespace default, rewritten', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}'],
    ['a Secret', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: x}'],
    ['dropped capabilities', pod('  containers:\n  - name: c\n    securityContext: {capabilities: {drop: [ALL]}}')],
  ])('allows %s', (_name, yaml) => {
    const r = decide(yaml);
    expect(r.rejected).toEqual([]);
    expect(r.allowed).toHaveLength(1);
    expect(r.allowed[0]!.object.metadata.namespace).toBeUndefined();
  });

  it('judges each document of a file on its own', () => {
    const r = decide(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: evil}\n`);
    expect(r.allowed.map((m) => m.object.metadata.name)).toEqual(['ok']);
    expect(r.rejected).toMatchObject([{ object: 'Namespace/evil', line: 5 }]);
  });
});
