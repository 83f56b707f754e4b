// The words of the cluster room (connecting, kind, doctor, image archives): what labs says about the user's cluster.
// A translator edits this file alone; the code refers to MSG.
import { text, type Text } from '../model/text.ts';

export const MSG = {
  // connect.ts
  /** Without kind or Docker: run `labs doctor`, or pass one of the kubeconfig's contexts (`list`, when it has any). */
  withoutKindHint: (list: string | undefined) => text(
    `\`labs doctor\`로 무엇이 빠졌는지 보세요. 이미 있는 클러스터를 쓰려면 ${list ? `다음 중 하나를 붙이세요: ${list}` : '--context <이름>을 붙이세요 (kubeconfig에 컨텍스트가 없습니다)'}.`,
    `Run \`labs doctor\` to see what is missing. To use a cluster you already have, add ${list ? `one of: ${list}` : '--context <name> (your kubeconfig has no contexts)'}.`,
  ),
  kindNotInstalled: text('kind가 설치되어 있지 않아 labs의 클러스터를 만들 수 없습니다', 'kind is not installed, so labs cannot make its cluster'),
  /** A command that does not create the cluster (check) found none. */
  noKindCluster: text('클러스터가 없습니다: labs가 아직 kind 클러스터를 만들지 않았습니다', 'no cluster: labs has not created its kind cluster yet'),
  noKindClusterHint: text('`labs start <lab>`로 만들거나, --context <이름>으로 이미 있는 클러스터를 쓰세요.', 'Run `labs start <lab>` to create it, or pass --context <name> to use an existing cluster.'),
  dockerNotRunning: text('Docker가 실행 중이 아니어서 kind 클러스터를 만들 수 없습니다', 'Docker is not running, so kind cannot make a cluster'),
  creatingKindCluster: text('kind 클러스터 "labs"를 만듭니다 (처음에는 1~2분 걸립니다)…', 'Creating kind cluster "labs" (a minute or two the first time)…'),
  /** After creating the cluster: kind changed the user's current kubectl context. */
  kindContextSet: (context: string) => text(`kind가 "${context}"를 kubectl의 현재 컨텍스트로 정했습니다. 랩의 kubectl 명령은 이 클러스터로 갑니다.`, `kind made "${context}" your kubectl current context, so the lab's kubectl commands reach it.`),
  seedClassCreated: (provisioner: string | undefined) => text(`시드의 매니페스트가 그대로 동작하도록 StorageClass "hostpath"(${provisioner})를 만들었습니다.`, `Created StorageClass "hostpath" (served by ${provisioner}) so the seed's manifests work unchanged.`),
  /** A problem with the seed's StorageClass, told as a warning. */
  storageClassWarning: (problem: Text) => text(`주의: ${problem.ko}`, `Warning: ${problem.en}`),

  // doctor.ts
  toolFound: text('있음', 'found'),
  toolNotInstalled: (cmd: string) => text(`${cmd}을(를) 찾을 수 없습니다`, `${cmd} is not installed`),
  /** A tool's check command (`command`, written out) failed. */
  toolFailed: (command: string, exitCode: number) => text(`\`${command}\` 실패 (종료 코드 ${exitCode})`, `\`${command}\` failed (exit ${exitCode})`),
  /** A tool only labs' own cluster needs is missing, and --context was given. */
  toolNotNeeded: (detail: Text) => text(`--context를 쓰면 필요 없음: ${detail.ko}`, `not needed with --context: ${detail.en}`),
  installDocker: text('Docker를 설치하고 실행하세요 (Docker Desktop, 또는 `sudo systemctl start docker`).', 'Install Docker and start it (Docker Desktop, or `sudo systemctl start docker`).'),
  installKind: text('kind를 설치하세요: https://kind.sigs.k8s.io/docs/user/quick-start/#installation', 'Install kind: https://kind.sigs.k8s.io/docs/user/quick-start/#installation'),
  installKubectl: text('kubectl을 설치하세요: 랩의 단계에서 씁니다.', 'Install kubectl: the lab steps use it.'),
  /** The cluster answered: its context and Kubernetes version. */
  clusterVersion: (context: string, version: string) => text(`${context}: Kubernetes ${version}`, `${context}: Kubernetes ${version}`),
  noStorageClass: text('StorageClass가 없습니다', 'no StorageClass'),
  noStorageClassFix: text('동적 프로비저너를 설치하세요 (kind에는 local-path가 있습니다). 없으면 PVC가 바인딩되지 않습니다.', 'Install a dynamic provisioner (kind ships local-path); PVCs cannot bind without one.'),
  /** The cluster's StorageClasses (`names`, joined), with a note when the seed's class is not among them. */
  storageClasses: (names: string, seedClass: string, hasSeedClass: boolean) => {
    const extra = hasSeedClass ? { ko: '', en: '' } : { ko: ` ("${seedClass}" 없음: labs start가 만듭니다)`, en: ` (no "${seedClass}": labs adds it on start)` };
    return text(`${names}${extra.ko}`, `${names}${extra.en}`);
  },
  cannotReachCluster: text('클러스터에 연결할 수 없습니다', 'cannot reach the cluster'),
  /** Fix when the cluster of a --context cannot be reached. */
  checkContext: (context: string) => text(`컨텍스트 "${context}"가 동작하는지 보세요: kubectl --context ${context} get nodes`, `Check that context "${context}" works: kubectl --context ${context} get nodes`),
  /** Fix when labs' kind cluster cannot be reached. */
  createKindOrPassContext: text('`labs start <lab>`로 kind 클러스터를 만들거나 --context를 주세요.', 'Run `labs start <lab>` to create the kind cluster, or pass --context.'),

  // image-archive.ts
  /** Hint of every refused --images file. */
  archiveHint: text('`labs images save -o <파일>`로 만든 아카이브를 주세요.', 'Give an archive written by `labs images save -o <file>`.'),
  imagesNotAFile: (file: string) => text(`--images ${file}: 파일이 아닙니다`, `--images ${file}: not a file`),
  noSuchFile: text('없습니다', 'no such file'),
  cannotReadFile: (message: string) => text(`읽을 수 없습니다 (${message})`, `cannot be read (${message})`),
  notATarArchive: text('이미지 아카이브가 아닙니다 (tar 아카이브가 아닙니다)', 'not an image archive (not a tar archive)'),
  /** The --images file cannot be used, and why (noSuchFile, cannotReadFile, notATarArchive). */
  imagesFileRefused: (file: string, why: Text) => text(`--images ${file}: ${why.ko}`, `--images ${file}: ${why.en}`),
  noManifestOrIndex: (file: string) => text(`--images ${file}: 이미지 아카이브가 아닙니다 (manifest.json도 index.json도 없습니다)`, `--images ${file}: not an image archive (it has neither manifest.json nor index.json)`),

  // image-load.ts
  /** --images with a context that is not a loadable kind cluster, and why. */
  imagesKindOnly: (why: Text) => text(`--images는 kind 클러스터에만 이미지를 넣습니다 (--context 없이 labs의 클러스터, 또는 kind-<이름> 컨텍스트): ${why.ko}`, `--images loads images into a kind cluster only (labs' own, without --context, or a kind-<name> context): ${why.en}`),
  imagesKindOnlyHint: text('--images 없이 실행하고 그 클러스터의 노드에 이미지를 직접 넣거나 (노드마다 `ctr -n k8s.io images import <아카이브>`), --context를 빼고 labs의 kind 클러스터를 쓰세요.', 'Run it without --images and load the images into that cluster\'s nodes yourself (`ctr -n k8s.io images import <archive>` on each node), or leave out --context to use labs\' kind cluster.'),
  notKindContext: (context: string) => text(`"${context}"는 kind 컨텍스트가 아닙니다`, `"${context}" is not a kind context`),
  /** `kind get clusters` failed; `error` is the last line it wrote. */
  kindDoesNotRun: (error: string) => text(`kind를 실행할 수 없습니다 (${error})`, `kind does not run (${error})`),
  noSuchKindCluster: (name: string) => text(`kind 클러스터 "${name}"가 이 컴퓨터에 없습니다`, `there is no kind cluster "${name}" on this machine`),
  /** The context's API server is not the kind cluster's of the same name. */
  otherApiServer: (context: string, ctxServer: string, name: string, kindServer: string) => text(`"${context}"의 API 서버(${ctxServer})가 kind 클러스터 "${name}"의 것(${kindServer})이 아닙니다`, `the API server of "${context}" (${ctxServer}) is not kind cluster "${name}"'s (${kindServer})`),
  /** Before loading an archive: how many images (`n`, or "?"), its size, the cluster, and `what` (": name, …" or nothing). */
  loadingImages: (n: number | string, size: string, cluster: string, what: string) => text(`이미지 ${n}개(${size})를 kind 클러스터 "${cluster}"에 넣습니다${what}…`, `Loading ${n} image(s) (${size}) into kind cluster "${cluster}"${what}…`),
  loadImagesHint: text('디스크 공간과 Docker를 확인하세요. `labs doctor`가 확인합니다.', 'Check the disk space and Docker; `labs doctor` checks.'),
  imagesLoaded: (seconds: string) => text(`이미지를 넣었습니다 (${seconds}초).`, `Images loaded (${seconds}s).`),

  // images.ts
  dockerNotInstalled: text('docker가 설치되어 있지 않아 이미지를 모을 수 없습니다', 'docker is not installed, so labs cannot collect the images'),
  installDockerHint: text('Docker를 설치하고 실행하세요. `labs doctor`가 확인합니다.', 'Install Docker and start it; `labs doctor` checks.'),
  /** Docker is installed but its daemon does not answer; `error` is the last line it wrote. */
  dockerNoAnswer: (error: string) => text(`Docker가 응답하지 않습니다: ${error}`, `Docker does not answer: ${error}`),
  startDockerHint: text('Docker를 실행하세요 (Docker Desktop, 또는 `sudo systemctl start docker`).', 'Start Docker (Docker Desktop, or `sudo systemctl start docker`).'),
  pullingImage: (image: string) => text(`${image}: docker에 없어 받습니다 (docker pull)…`, `${image}: not in docker, pulling it (docker pull)…`),
  /** Images neither in docker nor pullable; `lines` lists each with its labs and why. */
  imagesUnavailable: (count: number, lines: string) => text(`이미지 ${count}개가 docker에 없고 받을 수도 없어 아카이브를 쓰지 않았습니다:\n${lines}`, `${count} image(s) are not in docker and could not be pulled, so no archive was written:\n${lines}`),
  /** How to bring the missing images (`names`, space-separated) from a machine that reaches the registry. */
  imagesUnavailableHint: (names: string) => text(
    `레지스트리에 닿는 컴퓨터에서 \`docker pull\`로 받은 뒤 \`docker save -o images.tar ${names}\`, 이 컴퓨터에서 \`docker load -i images.tar\`를 하고 다시 실행하세요 (또는 그 컴퓨터에서 labs images save를 실행해 아카이브를 가져오세요).`,
    `On a machine that reaches the registry, \`docker pull\` them and \`docker save -o images.tar ${names}\`; here, \`docker load -i images.tar\`, then run this again (or run labs images save there and bring its archive).`,
  ),
  writingImages: (count: number, file: string) => text(`이미지 ${count}개를 ${file}에 씁니다…`, `Writing ${count} image(s) to ${file}…`),
  saveImagesHint: text('디스크 공간과 Docker를 확인하세요.', 'Check the disk space and Docker.'),
  noNodes: text('노드가 없어 이미지를 볼 수 없습니다', 'no nodes, so no images to look at'),
  notOnAnyNode: text('클러스터의 노드에 없습니다', 'not on the cluster\'s nodes'),
  notOnNodes: (nodes: string) => text(`노드 ${nodes}에 없습니다`, `not on node(s) ${nodes}`),
  /** An image missing from nodes whose lists are full (`max` images, kubelet's limit): it may be there. */
  imageMaybeUnlisted: (image: string, users: string, max: number) => text(`${image} (${users}): 노드가 보고한 이미지 ${max}개에 없습니다. kubelet은 ${max}개까지만 보고하므로 있는지 알 수 없습니다`, `${image} (${users}): not among the ${max} images the node reports; kubelet reports no more than ${max}, so it may still be there`),
  /** An image some node lacks (`where`: notOnAnyNode or notOnNodes). */
  imageMissing: (image: string, users: string, where: Text) => text(`${image} (${users}): ${where.ko}. 클러스터가 레지스트리에 닿으면 처음 쓸 때 받습니다`, `${image} (${users}): ${where.en}; the cluster pulls it on first use if it can reach the registry`),
  /** Fix of a missing image on a kind cluster: save an archive elsewhere, start with --images (`labs`: the lab ids, space-separated, or ''). */
  imageMissingKindFix: (labs: string, lab: string) => text(`오프라인이면: 이미지가 있는 컴퓨터에서 \`labs images save ${labs ? `${labs} ` : ''}-o labs-images.tar\`, 여기서 \`labs start ${lab} --images labs-images.tar\` (smoke, grade도 --images를 받습니다).`, `Offline: \`labs images save ${labs ? `${labs} ` : ''}-o labs-images.tar\` on a machine that has the image, then \`labs start ${lab} --images labs-images.tar\` here (smoke and grade take --images too).`),
  /** Fix of a missing image on another cluster: save an archive and import it on each node. */
  imageMissingNodeFix: (labs: string) => text(`\`labs images save ${labs ? `${labs} ` : ''}-o labs-images.tar\`로 아카이브를 만들어 노드마다 넣으세요 (\`ctr -n k8s.io images import labs-images.tar\`; kind 컨텍스트면 --images).`, `Write an archive with \`labs images save ${labs ? `${labs} ` : ''}-o labs-images.tar\` and import it on each node (\`ctr -n k8s.io images import labs-images.tar\`; for a kind context, --images).`),
  allImagesPresent: (count: number) => text(`랩 이미지 ${count}개가 모두 노드에 있습니다`, `all ${count} lab images are on the node(s)`),
  labsUnreadable: text('랩을 읽을 수 없어 이미지를 보지 않았습니다 (`labs validate`)', 'the labs cannot be read, so their images were not looked at (`labs validate`)'),
  nodesUnreadable: text('노드를 읽을 수 없어 이미지를 볼 수 없습니다', 'cannot read the nodes, so their images are unknown'),
  nodesUnreadableFix: text('노드를 읽을 권한이 필요합니다: kubectl get nodes', 'Reading nodes needs permission: kubectl get nodes'),

  // kind.ts
  /** Hint when `kind get clusters` fails. */
  isKindInstalled: text('kind가 설치되어 있나요? `labs doctor`로 확인하세요.', 'Is kind installed? See `labs doctor`.'),
  /** Hint when `kind create cluster` fails. */
  isDockerRunning: text('Docker가 실행 중인가요? `labs doctor`가 확인합니다.', 'Is Docker running? `labs doctor` checks.'),

  // storage-class.ts
  noStorageClassAtAll: text('클러스터에 StorageClass가 하나도 없어 PVC를 프로비저닝할 수 없습니다.', 'the cluster has no StorageClass at all, so PVCs cannot be provisioned.'),
} as const;
