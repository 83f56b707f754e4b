import { isDeepStrictEqual } from 'node:util';
import { type ManifestObject } from '../load/manifests.ts';
import { MSG } from './messages.ts';
import { type Rejection } from './policy.ts';

/** How deep a file lies in the student's folder: `kim/a.yaml` is 0, `kim/old/a.yaml` is 1. */
const depth = (file: string) => file.split('/').length - 2;
const where = (m: ManifestObject) => `${m.file}:${m.line}`;

/**
 * One object per kind and name, whatever the files are called. The rule: the copy nearest the top of the student's
 * folder wins (`kubectl apply -f <dir>` reads only the top folder: `old/mysql.yaml` is an old copy); copies at the
 * same depth are one object when they are the same, and none when they differ (which one is meant cannot be told
 * without guessing from file names). Every copy not applied is reported with the file:line of the others.
 */
export function dedupe(objects: readonly ManifestObject[]): { kept: ManifestObject[]; rejected: Rejection[] } {
  const groups = new Map<string, ManifestObject[]>();
  for (const m of objects) {
    const key = `${m.object.apiVersion}/${m.object.kind}/${String(m.object.metadata?.name)}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const drop = new Set<ManifestObject>();
  const rejected: Rejection[] = [];
  for (const copies of groups.values()) {
    if (copies.length < 2) continue;
    const top = Math.min(...copies.map((m) => depth(m.file)));
    const nearest = copies.filter((m) => depth(m.file) === top);
    const same = nearest.every((m) => isDeepStrictEqual(m.object, nearest[0]!.object));
    const winner = same ? nearest[0] : undefined;
    for (const m of copies) {
      if (m === winner) continue;
      drop.add(m);
      const others = copies.filter((x) => x !== m).map(where).join(', ');
      const object = `${m.object.kind}/${m.object.metadata?.name}`;
      rejected.push({
        file: m.file, line: m.line, object, code: 'duplicate',
        reason: winner
          ? MSG.duplicateKept(others, where(winner))
          : MSG.duplicateConflict(others),
      });
    }
  }
  return { kept: objects.filter((m) => !drop.has(m)), rejected };
}
