// Image names compared as containerd resolves them: "redis:7-alpine" is "docker.io/library/redis:7-alpine", a name
// without tag or digest means ":latest", "index.docker.io" is "docker.io".

/** A fully qualified image reference. */
export interface ImageRef {
  /** e.g. "docker.io/library/redis". */
  repository: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const DOMAIN = /^(?:localhost|[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)(?::[0-9]+)?$/;

/** Parses and normalises an image reference; undefined when it is not one. */
export function parseImage(image: string): ImageRef | undefined {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const named = at >= 0 ? image.slice(0, at) : image;
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > slash ? named.slice(colon + 1) : undefined;
  const name = colon > slash ? named.slice(0, colon) : named;
  const parts = name.split('/');
  const first = parts[0]!;
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let domain = hasDomain ? first : 'docker.io';
  let path = hasDomain ? parts.slice(1) : parts;
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && path.length === 1) path = ['library', ...path];
  if (!DOMAIN.test(domain) || path.some((p) => !COMPONENT.test(p))) return undefined;
  if ((tag !== undefined && !TAG.test(tag)) || (digest !== undefined && !DIGEST.test(digest))) return undefined;
  return { repository: `${domain}/${path.join('/')}`, ...(tag !== undefined || digest === undefined ? { tag: tag ?? 'latest' } : {}), ...(digest ? { digest } : {}) };
}

/**
 * Whether `image` is one of `allowed`: the same repository and tag; an image that names a digest only when an
 * allowed entry names that same digest (any digest of an allowed tag could be any image). A digest alone does not
 * match a tag: which tag it is cannot be known here.
 */
export function imageAllowed(image: string, allowed: readonly string[]): boolean {
  const ref = parseImage(image);
  if (!ref) return false;
  return allowed.some((a) => {
    const want = parseImage(a);
    if (!want || want.repository !== ref.repository) return false;
    if (ref.digest !== undefined || want.digest !== undefined) return ref.digest === want.digest && (ref.tag === undefined || want.tag === undefined || ref.tag === want.tag);
    return ref.tag !== undefined && ref.tag === want.tag;
  });
}

/** An image reference as containerd names it ("redis:7-alpine" is "docker.io/library/redis:7-alpine"); as written when it is not one. */
export function canonicalImage(image: string): string {
  const ref = parseImage(image.trim());
  if (!ref) return image.trim();
  return `${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
