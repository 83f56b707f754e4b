// From one document's JSON to the objects kubectl would apply, and why it would refuse them. As kubectl's decoder
// does, any object with an `items` field is a list (kind: List, ConfigMapList… or anything else): its items are the
// objects; items with neither kind nor apiVersion take the list's ("ConfigMapList" → ConfigMap). Metadata must have
// the types of ObjectMeta (labels are strings…), which kubectl checks before sending anything.
import { type KubeObject } from '../../model/kube.ts';
import { type Text } from '../../model/text.ts';
import { MSG } from '../messages.ts';

/** An object of a document, or the reason it is refused; `node` is the mapping to point at. */
export type DocObject = { object: KubeObject; node: object } | { problem: Text; node: object };

/** The whole document refused (kubectl would apply none of it), pointing at `node` when known. */
export interface DocProblem {
  problem: Text;
  node?: object;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a JSON value is, for messages. */
function describe(v: unknown): Text {
  if (v === null) return MSG.aNull;
  if (Array.isArray(v)) return MSG.aList;
  if (typeof v === 'boolean') return MSG.aBoolean(v);
  if (typeof v === 'number') return MSG.aNumber(v);
  if (typeof v === 'string') return MSG.aString;
  return MSG.aMapping;
}

/** ObjectMeta fields whose JSON type kubectl checks, and the type they need. */
const META: Record<string, 'string' | 'stringMap' | 'stringList' | 'integer' | 'list'> = {
  name: 'string', generateName: 'string', namespace: 'string', uid: 'string', resourceVersion: 'string', selfLink: 'string',
  labels: 'stringMap', annotations: 'stringMap', finalizers: 'stringList', generation: 'integer', deletionGracePeriodSeconds: 'integer',
  ownerReferences: 'list', managedFields: 'list',
};

function wrongType(path: string, want: Text, got: unknown): Text {
  return MSG.wrongType(path, want, describe(got));
}

const STRING = MSG.aString;

/** Why ObjectMeta cannot hold this metadata (kubectl: "cannot unmarshal … into Go struct field ObjectMeta…"). */
function metadataProblem(md: Json): Text | undefined {
  for (const [field, type] of Object.entries(META)) {
    const v = md[field];
    if (v === undefined || v === null) continue;
    const path = `metadata.${field}`;
    if (type === 'string' && typeof v !== 'string') return wrongType(path, STRING, v);
    if (type === 'integer' && !Number.isInteger(v)) return wrongType(path, MSG.anInteger, v);
    if (type === 'list' && !Array.isArray(v)) return wrongType(path, MSG.aList, v);
    if (type === 'stringList') {
      if (!Array.isArray(v)) return wrongType(path, MSG.aListOfStrings, v);
      const bad = v.findIndex((x) => x !== null && typeof x !== 'string');
      if (bad >= 0) return wrongType(`${path}[${bad}]`, STRING, v[bad]);
    }
    if (type === 'stringMap') {
      if (!isObject(v)) return wrongType(path, MSG.aMappingOfStrings, v);
      const bad = Object.entries(v).find(([, x]) => x !== null && typeof x !== 'string');
      if (bad) return wrongType(`${path}.${bad[0]}`, STRING, bad[1]);
    }
  }
  return undefined;
}

/** Why one object cannot be applied as it is written (undefined when it can). */
export function objectProblem(o: Json): Text | undefined {
  if (typeof o.apiVersion !== 'string' && o.apiVersion !== undefined && o.apiVersion !== null) return wrongType('apiVersion', STRING, o.apiVersion);
  if (typeof o.kind !== 'string' || !o.kind) return MSG.missingKind;
  if (typeof o.apiVersion !== 'string' || !o.apiVersion) return MSG.missingApiVersion;
  const md = o.metadata;
  if (md !== undefined && md !== null && !isObject(md)) return wrongType('metadata', MSG.aMapping, md);
  const problem = isObject(md) ? metadataProblem(md) : undefined;
  if (problem) return problem;
  if (!isObject(md) || typeof md.name !== 'string' || !md.name) return MSG.missingName(o.kind);
  return undefined;
}

/**
 * The objects a document holds: itself, or a list's items. Null documents hold none. A document kubectl cannot
 * decode at all (not a mapping, a list without kind, a bad item) is refused whole.
 */
export function documentObjects(value: unknown): DocObject[] | DocProblem {
  if (value === null || value === undefined) return [];
  if (!isObject(value)) return { problem: MSG.notAnObject(describe(value)) };
  if (!('items' in value)) return [checked(value)];
  const listKind = value.kind;
  if (typeof listKind !== 'string' || !listKind) return { problem: MSG.listWithoutKind, node: value };
  const items = value.items;
  if (items !== null && !Array.isArray(items)) return { problem: wrongType('items', MSG.aList, items), node: value };
  const out: DocObject[] = [];
  for (const [i, item] of (items ?? []).entries()) {
    if (!isObject(item)) return { problem: wrongType(`items[${i}]`, MSG.aMapping, item), node: value };
    if (Array.isArray(item.items)) return { problem: MSG.listInList(i), node: item };
    const inherit = !item.kind && !item.apiVersion;
    const o = inherit ? { ...item, apiVersion: value.apiVersion, kind: listKind.replace(/List$/, '') } : item;
    if (!o.kind || !o.apiVersion) {
      const missing = !o.kind ? 'kind' : 'apiVersion';
      return { problem: MSG.itemMissingField(i, missing), node: item };
    }
    out.push({ ...checked(o as Json), node: item });
  }
  return out;
}

function checked(o: Json): DocObject {
  const problem = objectProblem(o);
  return problem ? { problem, node: o } : { object: o as unknown as KubeObject, node: o };
}
