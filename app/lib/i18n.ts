// The one translation layer. Every user-visible string is a key in
// app/lib/messages/vi.ts (the source language); en.ts must have the same keys,
// which the type system checks. Safe for the browser: no server imports; the
// browser holds only the reader's catalogue (see messages/catalogs.ts).
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

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogFor(locale)[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? plainNumbers(locale).format(value) : value;
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
