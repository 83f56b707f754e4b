import { z } from 'zod';

/** The languages a lab speaks. Korean is the seed's language and the default. */
export const LANGS = ['ko', 'en'] as const;
/** One of the supported languages. */
export type Lang = (typeof LANGS)[number];

/** A piece of student-facing text in every supported language. */
export const TextSchema = z
  .object({
    ko: z.string().min(1).describe('Korean text (the default language).'),
    en: z.string().min(1).describe('English text, shown with --lang en.'),
  })
  .strict()
  .describe('Student-facing text in Korean and English.');

/** Student-facing text in every supported language. */
export type Text = z.infer<typeof TextSchema>;

/** Builds a Text from its Korean and English versions. */
export function text(ko: string, en: string): Text {
  return { ko, en };
}

/** Picks the text in the given language. */
export function say(t: Text, lang: Lang): string {
  return t[lang];
}
