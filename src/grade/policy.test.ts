import { describe, expect, it } from 'vitest';
import { parseManifests } from '../load/manifests.ts';
import { imageAllowed, parseImage } from '../k8s/image.ts';
import { applyPolicy } from './policy.ts';

const IMAGES = ['redis:7-alpine', 'mysql:8.0', 'busybox:1.36', `busybox@sha256:${'a'.repeat(64)}`];

function decide(yaml: string, images = IMAGES) {
  const parsed = parseManifests(yaml, 'alice/x.yaml');
  expect(parsed.issues).toEqual([]);
  return applyPolicy(parsed.objects, { labNamespace: 'default', images });
}

const indent = (s: string, n: number) => s.replace(/^/gm, ' '.repeat(n));
const c = (extra = '') => `containers:\n- name: c\n  image: busybox:1.36\n${indent(extra, 2)}`;
/** A workload of `kind` around a pod spec, as each kind nests it. */
const workload = (kind: string, podSpec: string) => {
  const header = (v: string) => `apiVersion: ${v}\nkind: ${kind}\nmetadata: {name: w}\nspec:\n`;
  const template = (n: number) => `${indent('selector: {matchLabels: {app: w}}\ntemplate:\n  metadata: {labels: {app: w}}\n  spec:', n)}\n${indent(podSpec, n + 4)}`;
  switch (kind) {
    case 'Pod':
      return `${header('v1')}${indent(podSpec, 2)}`;
    case 'Job':
      return `${header('batch/v1')}  template:\n    spec:\n${indent(podSpec, 6)}`;
    case 'CronJob':
      return `${header('batch/v1')}  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(podSpec, 10)}`;
    default:
      return `${header('apps/v1')}${template(2)}`;
  }
};
const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job', 'CronJob'];
const pvc = (spec: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, ${spec}}`;
const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('grading policy', () => {
  it.each([
    ['ClusterRoleBinding', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: x}', /cluster-scoped/],
    ['PersistentVolume', 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: x}', /cluster-scoped/],
    ['Namespace', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}', /cluster-scoped/],
    ['webhook', 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name: x}', /cluster-scoped/],
    ['a RoleBinding', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: x}', /not a kind submissions may create/],
    ['a ServiceAccount', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x}', /not a kind submissions may create/],
    ['an unknown kind', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: x}', /not a kind submissions may create/],
    ['a NetworkPolicy', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}', /NetworkPolicy is refused: the grader sets the namespace's network rules/],
    ['another namespace', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: kube-system}', /aims at another namespace/],
    ['finalizers', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [example.com/never]}', /finalizers/],
    ['a NodePort Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: NodePort}', /NodePort opens ports/],
    ['an ExternalName Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ExternalName, externalName: kubernetes.default.svc}', /ExternalName points a name/],
    ['externalIPs', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {externalIPs: [1.2.3.4]}', /externalIPs/],
    ['a service-account token Secret', 'apiVersion: v1\nkind: Secret\nmetadata: {name: t, annotations: {kubernetes.io/service-account.name: default}}\ntype: kubernetes.io/service-account-token', /service-account-token makes an API token/],
    ['a PVC pinned to a PV', pvc('volumeName: pv-of-bob'), /spec\.volumeName would bind/],
    ['a PVC cloned from another', pvc('dataSource: {kind: PersistentVolumeClaim, name: mysql-pvc}'), /spec\.dataSource copies the data/],
    ['a PVC from a snapshot', pvc('dataSourceRef: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: s}'), /spec\.dataSourceRef copies/],
    ['a volumeClaimTemplate with a dataSource', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: r}\nspec:\n  volumeClaimTemplates:\n  - metadata: {name: d}\n    spec: {dataSource: {kind: PersistentVolumeClaim, name: other}}', /spec\.volumeClaimTemplates\[0\]\.spec\.dataSource copies/],
    ['a volumeClaimTemplate pinned to a PV', 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: r}\nspec:\n  volumeClaimTemplates:\n  - metadata: {name: d}\n    spec: {volumeName: pv-x}', /volumeClaimTemplates\[0\]\.spec\.volumeName would bind/],
    ['an ephemeral volume with a dataSourceRef', workload('Pod', `volumes:\n- name: e\n  ephemeral: {volumeClaimTemplate: {spec: {dataSourceRef: {kind: PersistentVolumeClaim, name: x}}}}\n${c()}`), /volumes\[e\]\.ephemeral\.volumeClaimTemplate\.spec\.dataSourceRef copies/],
    ['a privileged container', workload('Pod', c('securityContext: {privileged: true}')), /containers\[c\]: privileged containers/],
    ['added capabilities', workload('Pod', c('securityContext: {capabilities: {add: [NET_ADMIN]}}')), /capabilities\.add NET_ADMIN/],
    ['a hostPort', workload('Pod', c('ports: [{containerPort: 80, hostPort: 80}]')), /hostPort/],
    ['hostNetwork', workload('Pod', `hostNetwork: true\n${c()}`), /hostNetwork: true/],
    ['hostPID', workload('Pod', `hostPID: true\n${c()}`), /hostPID: true/],
    ['hostIPC', workload('Pod', `hostIPC: true\n${c()}`), /hostIPC: true/],
    ['hostPath', workload('Deployment', `volumes:\n- name: h\n  hostPath: {path: /}\n${c()}`), /spec\.template\.spec\.volumes\[h\]: a hostPath volume cannot be used when grading/],
    ['an nfs volume', workload('Pod', `volumes:\n- name: share\n  nfs: {server: 10.0.0.1, path: /}\n${c()}`), /volumes\[share\]: a nfs volume cannot be used when grading \(allowed: configMap, secret, emptyDir/],
    ['an iscsi volume', workload('Pod', `volumes:\n- name: i\n  iscsi: {targetPortal: 10.0.0.1, iqn: x, lun: 0}\n${c()}`), /a iscsi volume cannot be used/],
    ['a csi volume', workload('Pod', `volumes:\n- name: i\n  csi: {driver: x}\n${c()}`), /a csi volume cannot be used/],
    ['a priority class', workload('Deployment', `priorityClassName: system-node-critical\n${c()}`), /spec\.template\.spec\.priorityClassName: a priority class can evict/],
    ['a node name', workload('Pod', `nodeName: labs-local\n${c()}`), /spec\.nodeName: nodeName skips the scheduler/],
    ['tolerations', workload('Pod', `tolerations: [{operator: Exists}]\n${c()}`), /spec\.tolerations: tolerations place pods on nodes/],
    ['host aliases', workload('Pod', `hostAliases: [{ip: 10.0.0.1, hostnames: [redis]}]\n${c()}`), /spec\.hostAliases: hostAliases rewrite/],
    ['a runtime class', workload('Pod', `runtimeClassName: kata\n${c()}`), /runtimeClassName picks another container runtime/],
    ['a long grace period', workload('StatefulSet', `terminationGracePeriodSeconds: 2147483647\n${c()}`), /terminationGracePeriodSeconds: 2147483647s; at most 30s when grading/],
    ['a preStop hook', workload('Pod', c('lifecycle: {preStop: {exec: {command: [sleep, "3600"]}}}')), /containers\[c\]\.lifecycle\.preStop: a hook that delays stopping/],
    ['a probe to another host', workload('Pod', c('livenessProbe: {httpGet: {host: 10.96.0.1, port: 443}}')), /containers\[c\]\.livenessProbe\.httpGet\.host: the kubelet connects to it from the node/],
    ['a TCP readiness probe to another host', workload('Pod', c('readinessProbe: {tcpSocket: {host: kubernetes.default, port: 443}}')), /readinessProbe\.tcpSocket\.host/],
    ['a postStart hook to another host', workload('Pod', c('lifecycle: {postStart: {httpGet: {host: 169.254.169.254, port: 80}}}')), /lifecycle\.postStart\.httpGet\.host/],
    ['a hostIP', workload('Pod', c('ports: [{containerPort: 80, hostIP: 0.0.0.0}]')), /hostIP binds to an address of the node/],
    ['an image pinned to a digest the lab does not name', workload('Pod', `containers:\n- {name: c, image: "redis:7-alpine@${DIGEST}"}`), /image "redis:7-alpine@sha256:a{64}" is not allowed in this lab .* \(a digest only when the allow-list names that digest\)/],
    ['a projected token', workload('Pod', `volumes:\n- name: t\n  projected: {sources: [{serviceAccountToken: {path: token}}]}\n${c()}`), /volumes\[t\]: a projected serviceAccountToken/],
    ['another service account', workload('Deployment', `serviceAccountName: admin\n${c()}`), /serviceAccountName: "admin"/],
    ['the deprecated serviceAccount field', workload('Pod', `serviceAccount: builder\n${c()}`), /spec\.serviceAccount: "builder"/],
    ['an image not in the list', workload('Pod', 'containers:\n- {name: c, image: alpine:3.20}'), /containers\[c\]: image "alpine:3\.20" is not allowed in this lab \(allowed: redis:7-alpine, mysql:8\.0, busybox:1\.36, busybox@sha256:a{64}\)/],
    ['no image', workload('Pod', 'containers:\n- {name: c}'), /image "" is not allowed/],
    ['an image in an init container', workload('Pod', `initContainers:\n- {name: i, image: evil.io/miner:1}\n${c()}`), /initContainers\[i\]: image "evil\.io\/miner:1"/],
    ['an image in an ephemeral container', workload('Pod', `ephemeralContainers:\n- {name: e, image: nicolaka/netshoot}\n${c()}`), /ephemeralContainers\[e\]: image "nicolaka\/netshoot"/],
    ['a privileged init container', workload('Pod', `initContainers:\n- {name: i, image: busybox:1.36, securityContext: {privileged: true}}\n${c()}`), /initContainers\[i\]: privileged/],
  ])('refuses %s, naming file and line', (_name, yaml, reason) => {
    const r = decide(`# a comment\n${yaml}`);
    expect(r.allowed).toHaveLength(0);
    expect(r.rejected[0]).toMatchObject({ file: 'alice/x.yaml', line: 2 });
    expect(r.rejected.map((x) => x.reason.en).join('\n')).toMatch(reason);
    for (const x of r.rejected) expect(x.reason.ko).toMatch(/[가-힣]/);
  });

  it.each(KINDS.flatMap((kind) => [
    [kind, 'automountServiceAccountToken: true', `automountServiceAccountToken: true\n${c()}`, /automountServiceAccountToken: true puts an API token/],
    [kind, 'an image not in the list', 'containers:\n- {name: c, image: "redis:6"}', /image "redis:6" is not allowed/],
    [kind, 'an init container image', `initContainers:\n- {name: i, image: "curlimages/curl"}\n${c()}`, /initContainers\[i\]: image/],
  ]))('refuses in a %s: %s', (kind, _rule, podSpec, reason) => {
    const r = decide(workload(kind, podSpec));
    expect(r.allowed).toEqual([]);
    expect(r.rejected.map((x) => x.reason.en).join('\n')).toMatch(reason);
  });

  it.each([
    ['the seed PVC', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: mysql-pvc}\nspec: {accessModes: [ReadWriteOnce], storageClassName: hostpath}'],
    ['a headless Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: redis-headless}\nspec: {clusterIP: None}'],
    ['a Deployment with a PVC', workload('Deployment', 'volumes:\n- name: v\n  persistentVolumeClaim: {claimName: mysql-pvc}\ncontainers:\n- name: c\n  image: mysql:8.0')],
    ['a StatefulSet', workload('StatefulSet', 'containers:\n- {name: redis, image: "redis:7-alpine"}')],
    ['namespace default, rewritten', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}'],
    ['a Secret', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: x}'],
    ['a PodDisruptionBudget', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {minAvailable: 1, selector: {matchLabels: {app: redis}}}'],
    ['dropped capabilities', workload('Pod', c('securityContext: {capabilities: {drop: [ALL]}}'))],
    ['automount off', workload('Pod', `automountServiceAccountToken: false\n${c()}`)],
    ['the default service account named', workload('Pod', `serviceAccountName: default\n${c()}`)],
    ['a projected ConfigMap', workload('Pod', `volumes:\n- name: p\n  projected: {sources: [{configMap: {name: cfg}}]}\n${c()}`)],
    ['the image by its full name', workload('Pod', 'containers:\n- {name: c, image: docker.io/library/redis:7-alpine}')],
    ['the image pinned by the digest the lab names', workload('Pod', `containers:\n- {name: c, image: "busybox@${DIGEST}"}`)],
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

  it('never throws on fields of the wrong shape', () => {
    const r = decide(workload('Deployment', 'containers: "nope"\nvolumes: {a: 1}\ninitContainers: [1, null, {securityContext: 3}]'));
    expect(r.rejected.map((x) => x.reason.en)).toEqual(['spec.template.spec.initContainers[2]: image "" is not allowed in this lab (allowed: redis:7-alpine, mysql:8.0, busybox:1.36, busybox@sha256:' + 'a'.repeat(64) + ')']);
  });
});

describe('image names', () => {
  it.each([
    ['redis:7-alpine', { repository: 'docker.io/library/redis', tag: '7-alpine' }],
    ['redis', { repository: 'docker.io/library/redis', tag: 'latest' }],
    ['index.docker.io/library/redis:7', { repository: 'docker.io/library/redis', tag: '7' }],
    ['bitnami/redis:7', { repository: 'docker.io/bitnami/redis', tag: '7' }],
    ['localhost:5000/redis', { repository: 'localhost:5000/redis', tag: 'latest' }],
    ['registry.k8s.io/pause:3.10', { repository: 'registry.k8s.io/pause', tag: '3.10' }],
    [`redis@${DIGEST}`, { repository: 'docker.io/library/redis', digest: DIGEST }],
    ['Redis:7', undefined],
    ['redis:', undefined],
    ['', undefined],
  ])('%s', (image, ref) => {
    expect(parseImage(image)).toEqual(ref);
  });

  it.each([
    ['docker.io/library/redis:7-alpine', ['redis:7-alpine'], true],
    ['docker.io/redis:7-alpine', ['redis:7-alpine'], true],
    // Any digest of an allowed tag could be any image: a digest only when the allow-list names it.
    [`redis:7-alpine@${DIGEST}`, ['redis:7-alpine'], false],
    [`redis:7-alpine@${DIGEST}`, [`redis:7-alpine@${DIGEST}`], true],
    [`redis:7-alpine@${DIGEST}`, [`redis:6@${DIGEST}`], false],
    [`redis@${DIGEST}`, ['redis:7-alpine'], false],
    [`redis@${DIGEST}`, [`redis@${DIGEST}`], true],
    ['redis', ['redis:7-alpine'], false],
    ['redis', ['redis'], true],
    ['redis:latest', ['redis'], true],
    ['evil.io/library/redis:7-alpine', ['redis:7-alpine'], false],
    ['redis:7-alpine', [], false],
  ] as const)('%s against %j: %s', (image, allowed, ok) => {
    expect(imageAllowed(image, allowed)).toBe(ok);
  });
});

describe('the grader\'s own pods are out of reach', () => {
  it.each([
    ['a ReplicaSet adopting probe pods', 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: grab}\nspec:\n  replicas: 0\n  selector: {matchLabels: {labs.dev/role: probe}}\n  template:\n    metadata: {labels: {labs.dev/role: probe}}\n    spec: {containers: [{name: c, image: "busybox:1.36"}]}'],
    ['a Deployment selecting by the grader\'s managed-by label', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: grab}\nspec:\n  selector: {matchExpressions: [{key: app.kubernetes.io/managed-by, operator: In, values: [labs]}]}\n  template:\n    metadata: {labels: {app.kubernetes.io/managed-by: labs}}\n    spec: {containers: [{name: c, image: "busybox:1.36"}]}'],
    ['a Service sending traffic to probe pods', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {labs.dev/role: probe}, ports: [{port: 80}]}'],
    ['a PodDisruptionBudget over every pod', 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {maxUnavailable: 0, selector: {}}'],
    ['a pod dressed as a probe', 'apiVersion: v1\nkind: Pod\nmetadata: {name: fake, labels: {labs.dev/role: probe}}\nspec: {containers: [{name: c, image: "busybox:1.36"}]}'],
  ])('refuses %s', (_name, yaml) => {
    const r = decide(yaml);
    expect(r.allowed).toEqual([]);
    expect(r.rejected.map((x) => x.reason.en).join('\n')).toMatch(/labs\.dev\/ labels are the grader's|takes in the grader's probe pods/);
  });

  it('allows selectors of the student\'s own labels', () => {
    expect(decide('apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {minAvailable: 1, selector: {matchExpressions: [{key: app, operator: NotIn, values: [web]}, {key: app, operator: Exists}]}}').rejected).toEqual([]);
  });
});

describe('what the grader adds to an admitted pod', () => {
  it('drops NET_RAW from every container (unless the lab needs it) and sizes an emptyDir that names no size', () => {
    const yaml = workload('Deployment', 'volumes:\n- {name: scratch, emptyDir: {}}\n- {name: fast, emptyDir: {medium: Memory, sizeLimit: 64Mi}}\ncontainers:\n- {name: a, image: "busybox:1.36"}\n- {name: b, image: "busybox:1.36", securityContext: {capabilities: {drop: [ALL]}}}');
    const spec = decide(yaml).allowed[0]!.object.spec as any;
    expect(spec.template.spec.containers.map((c: any) => c.securityContext.capabilities.drop)).toEqual([['NET_RAW'], ['ALL']]);
    expect(spec.template.spec.volumes).toEqual([{ name: 'scratch', emptyDir: { sizeLimit: '1Gi' } }, { name: 'fast', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }]);
    const parsed = parseManifests(yaml, 'a.yaml');
    const kept = applyPolicy(parsed.objects, { labNamespace: 'default', images: IMAGES, capabilities: ['NET_RAW'] }).allowed[0]!.object.spec as any;
    expect(kept.template.spec.containers[0].securityContext.capabilities.drop ?? []).toEqual([]);
    // The student's own object is left as it was.
    expect((parsed.objects[0]!.object.spec as any).template.spec.containers[0].securityContext).toBeUndefined();
  });
});

describe('grading policy: PersistentVolumes of a lab that makes them', () => {
  const RULE = { labNamespace: 'default', maxCapacity: '5Gi', totalCapacity: '10Gi' };
  const pv = (name: string, size = '1Gi', extra = '') => `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: ${name}${extra}}\nspec: {capacity: {storage: ${size}}, accessModes: [ReadWriteOnce], persistentVolumeReclaimPolicy: Retain, storageClassName: manual, hostPath: {path: /mnt/${name}}}`;
  const allowing = (yaml: string) => applyPolicy(parseManifests(yaml, 'alice/x.yaml').objects, { labNamespace: 'default', images: IMAGES, volumes: RULE });
  const said = (r: ReturnType<typeof allowing>) => r.rejected.map((x) => `${x.object} ${x.code}: ${x.reason.en}`);

  it('allows a hostPath volume and a claim pinned to it; another lab refuses the volume as cluster-scoped', () => {
    const yaml = `${pv('pv-static')}\n---\n${pvc('volumeName: pv-static, storageClassName: manual')}`;
    const r = allowing(yaml);
    expect(said(r)).toEqual([]);
    expect(r.allowed.map((m) => m.object.kind)).toEqual(['PersistentVolume', 'PersistentVolumeClaim']);
    expect(decide(yaml).rejected.map((x) => x.code)).toEqual(['cluster-scoped', 'spec']);
  });

  it('refuses a claim pinned to a volume not of the submission, finalizers and labs.dev/ labels on a volume, and volumes past the total', () => {
    expect(said(allowing(pvc('volumeName: pv-of-bob')))).toEqual(['PersistentVolumeClaim/c spec: spec.volumeName would bind a PersistentVolume that is not yours']);
    expect(said(allowing(pv('a', '1Gi', ', finalizers: [x]')))).toEqual(['PersistentVolume/a finalizers: metadata.finalizers could keep the volume from ever being deleted']);
    expect(said(allowing(pv('a', '1Gi', ", labels: {labs.dev/namespace: other}")))[0]).toMatch(/labs\.dev\/ labels are the grader's/);
    expect(said(allowing([pv('a', '5Gi'), pv('b', '4Gi'), pv('c', '3Gi')].join('\n---\n')))).toEqual(['PersistentVolume/a quota: the PersistentVolumes together hold more than the grading limit of 10Gi']);
    expect(said(allowing(pv('a', '6Gi')))).toEqual(['PersistentVolume/a spec: spec.capacity.storage 6Gi: at most 5Gi when grading']);
  });
});
