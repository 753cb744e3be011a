/** Messages of one area of the product, in every language; en.ts, fr.ts and ar.ts spread them. */
const en = {} as const;

type Catalog = Record<keyof typeof en, string>;

export const commentsMessages: { en: typeof en; fr: Catalog; ar: Catalog } = {
  en,
  fr: {},
  ar: {}
};
