// kubectl reads a file through golang.org/x/text's BOMOverride(UTF-8 decoder): a UTF-8 byte order mark is dropped,
// a UTF-16 one (as Windows Notepad writes) switches to UTF-16, and bytes that are not UTF-8 become U+FFFD rather than
// an error. A file saved in another code page (say CP949) therefore still applies, with its non-ASCII text garbled.

/** A manifest file's bytes as the text kubectl reads, and whether anything had to be replaced. */
export interface DecodedManifest {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** Some bytes were not valid in the encoding and became U+FFFD. */
  replaced: boolean;
}

/** Decodes a manifest file's bytes as kubectl does; never throws. */
export function decodeManifestBytes(bytes: Uint8Array): DecodedManifest {
  const [a, b, c] = bytes;
  const encoding = a === 0xfe && b === 0xff ? 'utf-16be' : a === 0xff && b === 0xfe ? 'utf-16le' : 'utf-8';
  const body = encoding !== 'utf-8' ? bytes.subarray(2) : a === 0xef && b === 0xbb && c === 0xbf ? bytes.subarray(3) : bytes;
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  let replaced = false;
  if (text.includes('\uFFFD')) {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      replaced = true;
    }
  }
  return { text, encoding, replaced };
}
