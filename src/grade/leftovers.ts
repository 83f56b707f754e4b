import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { text, type Text } from '../model/text.ts';

/** Where a run writes what it left on the cluster. */
export const LEFTOVERS = 'leftovers.json';

/** What an earlier run into this folder left (nothing when it left nothing, or wrote no record). */
export function readLeftovers(out: string): Leftovers {
  try {
    const l = JSON.parse(readFileSync(join(out, LEFTOVERS), 'utf8')) as Partial<Leftovers>;
    return { namespaces: Array.isArray(l.namespaces) ? l.namespaces.map(String) : [], volumes: Array.isArray(l.volumes) ? l.volumes.map(String) : [] };
  } catch {
    return { namespaces: [], volumes: [] };
  }
}

/** Grading namespaces still terminating, and volumes of grading namespaces still there, after a run. */
export interface Leftovers {
  namespaces: string[];
  volumes: string[];
}

/** What a run left on the cluster, as a line. */
export function leftoversText(l: Leftovers): Text {
  return text(
    `주의: 실행이 끝났는데도 채점 네임스페이스 ${l.namespaces.length}개가 아직 지워지는 중이고 (${l.namespaces.join(', ') || '-'}), 볼륨 ${l.volumes.length}개가 남아 있습니다 (${l.volumes.join(', ') || '-'}): 같은 --out으로 다시 실행하면 지웁니다`,
    `warning: after the run, ${l.namespaces.length} grading namespace(s) are still being deleted (${l.namespaces.join(', ') || '-'}) and ${l.volumes.length} volume(s) are left (${l.volumes.join(', ') || '-'}): a rerun into the same --out deletes them`,
  );
}
