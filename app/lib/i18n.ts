// The one translation layer. Every user-visible string is a key in
// app/lib/messages/vi.ts (the source language); en.ts must have the same keys,
// which the type system checks. Safe for the browser: no server imports; the
// browser holds only the namespaces the page declared, in the reader's language
// (see messages/catalogs.ts, docs/decisions/033).
import { useRouteLoaderData } from "@remix-run/react";
import { LOCALES, type Locale } from "../domain/vocabulary";
import { catalogFor } from "./messages/catalogs";
import type { MessageKey } from "./messages/vi";

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = "vi";
export type { MessageKey };

/** BCP 47 tags for Intl: Vietnamese as written in Vietnam, English with day-first dates. */
export const INTL_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Looks a key up and fills `{name}` placeholders; numbers are formatted for the locale. */
// Creating an Intl.NumberFormat costs tens of microseconds; a list page formats
// hundreds of numbers, so the plain formatter of each locale is made once.
const PLAIN_NUMBERS = new Map<Locale, Intl.NumberFormat>();
function plainNumbers(locale: Locale): Intl.NumberFormat {
  let format = PLAIN_NUMBERS.get(locale);
  if (!format) PLAIN_NUMBERS.set(locale, (format = new Intl.NumberFormat(INTL_LOCALE[locale])));
  return format;
}

const PLURAL_RULES = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = PLURAL_RULES.get(locale);
  if (!rules) PLURAL_RULES.set(locale, (rules = new Intl.PluralRules(INTL_LOCALE[locale])));
  return rules;
}

/**
 * `{count, plural, one {# task} other {# tasks}}`: the form the locale's plural rules
 * choose for the number (`=0 {…}` for an exact one), `#` standing for it. Vietnamese
 * needs none; English messages use it wherever a count meets a noun.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogFor(locale)[key];
  // Only in the browser, when a page forgot a namespace (messages/route-messages.test.ts
  // checks the declarations): loud, rather than a blank or the bare key on the page.
  if (template === undefined) throw new Error(`Message "${key}" is not loaded: declare its namespace`);
  if (!params) return template;
  const number = (value: string | number) => (typeof value === "number" ? plainNumbers(locale).format(value) : value);
  return template
    .replace(PLURAL, (whole, name: string, forms: string) => {
      const value = params[name];
      if (typeof value !== "number") return whole;
      const chosen = new Map([...forms.matchAll(PLURAL_FORM)].map((form) => [form[1]!, form[2]!]));
      const form = chosen.get(`=${value}`) ?? chosen.get(pluralRules(locale).select(value)) ?? chosen.get("other");
      return form === undefined ? whole : form.replace(/#/g, number(value));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : number(value);
    });
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** The locale chosen for this request (set by the root loader from the language cookie). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return (options === undefined ? plainNumbers(locale) : new Intl.NumberFormat(INTL_LOCALE[locale], options)).format(
    value,
  );
}
