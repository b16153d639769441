import { formatDateVi, fractionDigitsOf, type ValueKind } from "@phuong-xanh/shared";
import { useMemo } from "react";
import { useI18n } from "./i18n";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

/** 1234,5 in Vietnamese (1.234,5), 1,234.5 in English. */
export function formatNumber(value: number, locale = "vi-VN", maximumFractionDigits = 2): string {
  return numberFormat(locale, maximumFractionDigits).format(value);
}

/**
 * "12,5%" for percentages, "120 ha" for other units; a count never with decimals ("15 vụ", not
 * "15,27 vụ", even for an older figure entered with a fraction or an expectation on the way).
 */
export function formatQuantity(
  value: number,
  unitOfMeasure: string,
  locale = "vi-VN",
  valueKind?: ValueKind | undefined,
): string {
  const number = formatNumber(value, locale, fractionDigitsOf(valueKind));
  if (unitOfMeasure === "%") return `${number}%`;
  return unitOfMeasure ? `${number} ${unitOfMeasure}` : number;
}

/** dd/mm/yyyy from an ISO date or timestamp. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDateVi(iso);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return formatDateVi(iso);
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
}

/** dd/mm/yyyy HH:mm, local time, from a timestamp. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDate(iso)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Today as an ISO date in the browser's time zone. */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function useFormat() {
  const { locale } = useI18n();
  return useMemo(
    () => ({
      number: (value: number, digits = 2) => formatNumber(value, locale, digits),
      quantity: (value: number, unitOfMeasure: string, valueKind?: ValueKind) =>
        formatQuantity(value, unitOfMeasure, locale, valueKind),
      percent: (value: number) => `${formatNumber(value, locale, 0)}%`,
      date: formatDate,
      dateTime: formatDateTime,
    }),
    [locale],
  );
}
