/** The languages a lab speaks. Korean is the seed's language and the default. */
export const LANGS = ['ko', 'en'] as const;
/** One of the supported languages. */
export type Lang = (typeof LANGS)[number];

/** Student-facing text in every supported language (its lab-file schema is TextSchema in lab.ts: zod stays out of start-up). */
export type Text = { ko: string; en: string };

/** Builds a Text from its Korean and English versions. */
export function text(ko: string, en: string): Text {
  return { ko, en };
}

/** The same words in both languages (names, values, command output). */
export function literal(s: string): Text {
  return { ko: s, en: s };
}

/** Joins several texts language by language. */
export function joinText(parts: Text[], sep = '; '): Text {
  return text(parts.map((p) => p.ko).join(sep), parts.map((p) => p.en).join(sep));
}

/** Picks the text in the given language. */
export function say(t: Text, lang: Lang): string {
  return t[lang];
}

let session: Lang = 'ko';

/** The language of this process's session: every line labs prints is in it. */
export function sessionLang(): Lang {
  return session;
}

/** Sets the session's language (the CLI does, before anything is printed). */
export function setSessionLang(lang: Lang): void {
  session = lang;
}

/** The language asked for on a command line (`--lang x` or `--lang=x`), else $LABS_LANG, else Korean. */
export function langFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? env.LABS_LANG : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  // CI logs are read by many: `labs smoke` speaks English unless asked otherwise.
  if (v === undefined && argv[2] === 'smoke') return 'en';
  return v === 'en' ? 'en' : 'ko';
}
