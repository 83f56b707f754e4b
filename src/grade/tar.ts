// A minimal ustar writer and reader for submission archives (gzip'd): regular files only, names up to 100 bytes.
// The reader is for untrusted input: it stops at the byte and file caps it is given, and never touches the disk.
import { gunzipSync, gzipSync } from 'node:zlib';

/** One file of an archive. */
export interface TarEntry {
  name: string;
  data: Buffer;
}

const BLOCK = 512;

function header(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const put = (s: string, at: number, len: number) => h.write(s, at, len, 'utf8');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0');
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  h.fill(' ', 148, 156);
  put('0', 156, 1);
  put('ustar\u000000', 257, 8);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${octal(sum, 7)}\u0000`, 148, 8);
  return h;
}

/** A .tar.gz of the entries, in order. */
export function writeTarGz(entries: TarEntry[], mtime = Math.floor(Date.now() / 1000)): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e.name, e.data.length, mtime), e.data);
    const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}

/** Why an archive could not be read. */
export class ArchiveError extends Error {}

/** The regular files of a .tar.gz, reading at most `maxBytes` unpacked and `maxFiles` files. */
export function readTarGz(gz: Buffer, maxBytes: number, maxFiles: number): TarEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(gz, { maxOutputLength: maxBytes + BLOCK * 4 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ArchiveError(code === 'ERR_BUFFER_TOO_LARGE' ? `larger than ${maxBytes} bytes unpacked` : `not a gzip file (${code ?? String(e)})`);
  }
  const out: TarEntry[] = [];
  for (let at = 0; at + BLOCK <= tar.length;) {
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    const str = (from: number, len: number) => h.subarray(from, from + len).toString('utf8').replace(/\0.*$/s, '');
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (parseInt(str(148, 8).trim(), 8) !== sum) throw new ArchiveError(`not a tar archive (bad header checksum at byte ${at})`);
    const size = parseInt(str(124, 12).trim() || '0', 8);
    const type = str(156, 1) || '0';
    const prefix = str(345, 155);
    const name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
    const start = at + BLOCK;
    if (!Number.isFinite(size) || size < 0 || start + size > tar.length) throw new ArchiveError(`truncated entry ${name}`);
    if (type === '0' || type === '\0') {
      if (out.length >= maxFiles) throw new ArchiveError(`more than ${maxFiles} files`);
      out.push({ name, data: Buffer.from(tar.subarray(start, start + size)) });
    }
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}
