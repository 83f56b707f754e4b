// From one document's JSON to the objects kubectl would apply, and why it would refuse them. As kubectl's decoder
// does, any object with an `items` field is a list (kind: List, ConfigMapList… or anything else): its items are the
// objects; items with neither kind nor apiVersion take the list's ("ConfigMapList" → ConfigMap). Metadata must have
// the types of ObjectMeta (labels are strings…), which kubectl checks before sending anything.
import { type KubeObject } from '../../model/kube.ts';
import { text, type Text } from '../../model/text.ts';

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
  if (v === null) return text('null', 'null');
  if (Array.isArray(v)) return text('목록', 'a list');
  if (typeof v === 'boolean') return text(`불리언 ${v}`, `the boolean ${v}`);
  if (typeof v === 'number') return text(`숫자 ${v}`, `the number ${v}`);
  if (typeof v === 'string') return text('문자열', 'a string');
  return text('매핑', 'a mapping');
}

/** ObjectMeta fields whose JSON type kubectl checks, and the type they need. */
const META: Record<string, 'string' | 'stringMap' | 'stringList' | 'integer' | 'list'> = {
  name: 'string', generateName: 'string', namespace: 'string', uid: 'string', resourceVersion: 'string', selfLink: 'string',
  labels: 'stringMap', annotations: 'stringMap', finalizers: 'stringList', generation: 'integer', deletionGracePeriodSeconds: 'integer',
  ownerReferences: 'list', managedFields: 'list',
};

const quoteHint = text('글자로 쓰려면 따옴표로 감싸세요 (예: "yes", "1.0")', 'quote it to make it text (e.g. "yes", "1.0")');

function wrongType(path: string, want: Text, got: unknown): Text {
  const d = describe(got);
  return text(`${path}: ${want.ko}이어야 하는데 ${d.ko}입니다; ${quoteHint.ko}`, `${path} must be ${want.en}, not ${d.en}; ${quoteHint.en}`);
}

const STRING = text('문자열', 'a string');

/** Why ObjectMeta cannot hold this metadata (kubectl: "cannot unmarshal … into Go struct field ObjectMeta…"). */
function metadataProblem(md: Json): Text | undefined {
  for (const [field, type] of Object.entries(META)) {
    const v = md[field];
    if (v === undefined || v === null) continue;
    const path = `metadata.${field}`;
    if (type === 'string' && typeof v !== 'string') return wrongType(path, STRING, v);
    if (type === 'integer' && !Number.isInteger(v)) return wrongType(path, text('정수', 'an integer'), v);
    if (type === 'list' && !Array.isArray(v)) return wrongType(path, text('목록', 'a list'), v);
    if (type === 'stringList') {
      if (!Array.isArray(v)) return wrongType(path, text('문자열 목록', 'a list of strings'), v);
      const bad = v.findIndex((x) => x !== null && typeof x !== 'string');
      if (bad >= 0) return wrongType(`${path}[${bad}]`, STRING, v[bad]);
    }
    if (type === 'stringMap') {
      if (!isObject(v)) return wrongType(path, text('문자열 매핑', 'a mapping of strings'), v);
      const bad = Object.entries(v).find(([, x]) => x !== null && typeof x !== 'string');
      if (bad) return wrongType(`${path}.${bad[0]}`, STRING, bad[1]);
    }
  }
  return undefined;
}

/** Why one object cannot be applied as it is written (undefined when it can). */
export function objectProblem(o: Json): Text | undefined {
  if (typeof o.apiVersion !== 'string' && o.apiVersion !== undefined && o.apiVersion !== null) return wrongType('apiVersion', STRING, o.apiVersion);
  if (typeof o.kind !== 'string' || !o.kind) return text('kind가 없습니다 (예: "kind: Service")', 'missing kind (e.g. "kind: Service")');
  if (typeof o.apiVersion !== 'string' || !o.apiVersion) return text('apiVersion이 없습니다 (예: "apiVersion: v1")', 'missing apiVersion (e.g. "apiVersion: v1")');
  const md = o.metadata;
  if (md !== undefined && md !== null && !isObject(md)) return wrongType('metadata', text('매핑', 'a mapping'), md);
  const problem = isObject(md) ? metadataProblem(md) : undefined;
  if (problem) return problem;
  if (!isObject(md) || typeof md.name !== 'string' || !md.name) return text(`${o.kind}: metadata.name이 없습니다`, `${o.kind}: missing metadata.name`);
  return undefined;
}

/**
 * The objects a document holds: itself, or a list's items. Null documents hold none. A document kubectl cannot
 * decode at all (not a mapping, a list without kind, a bad item) is refused whole.
 */
export function documentObjects(value: unknown): DocObject[] | DocProblem {
  if (value === null || value === undefined) return [];
  if (!isObject(value)) return { problem: text(`Kubernetes 객체는 apiVersion, kind, metadata를 가진 매핑이어야 합니다 (지금은 ${describe(value).ko})`, `a Kubernetes object must be a mapping with apiVersion, kind and metadata (this is ${describe(value).en})`) };
  if (!('items' in value)) return [checked(value)];
  const listKind = value.kind;
  if (typeof listKind !== 'string' || !listKind) return { problem: text('items가 있는 목록에 kind가 없습니다 (예: "kind: List")', 'a list (it has items) needs a kind (e.g. "kind: List")'), node: value };
  const items = value.items;
  if (items !== null && !Array.isArray(items)) return { problem: wrongType('items', text('목록', 'a list'), items), node: value };
  const out: DocObject[] = [];
  for (const [i, item] of (items ?? []).entries()) {
    if (!isObject(item)) return { problem: wrongType(`items[${i}]`, text('매핑', 'a mapping'), item), node: value };
    if (Array.isArray(item.items)) return { problem: text(`items[${i}]: 목록 안의 목록은 kubectl이 펼치지 않고 거부합니다`, `items[${i}]: kubectl refuses a list inside a list`), node: item };
    const inherit = !item.kind && !item.apiVersion;
    const o = inherit ? { ...item, apiVersion: value.apiVersion, kind: listKind.replace(/List$/, '') } : item;
    if (!o.kind || !o.apiVersion) {
      const missing = !o.kind ? 'kind' : 'apiVersion';
      return { problem: text(`items[${i}]: ${missing} 필드가 없습니다 (kubectl은 목록 전체를 거부합니다)`, `items[${i}]: missing ${missing} (kubectl refuses the whole list)`), node: item };
    }
    out.push({ ...checked(o as Json), node: item });
  }
  return out;
}

function checked(o: Json): DocObject {
  const problem = objectProblem(o);
  return problem ? { problem, node: o } : { object: o as unknown as KubeObject, node: o };
}
