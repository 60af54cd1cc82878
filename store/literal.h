/* literal.h — dates, numbers and money: parse and format, shared by the
 * query language, the importer and the RDF reader.
 *
 * Days are counted from 1970-01-01 (day 0), proleptic Gregorian.
 * A date has a precision: a day, a month, a quarter or a year; its span is
 * every day of that period.  Money is a value and an ISO 4217 code;
 * Chinese multipliers (万 = 1e4, 亿 = 1e8, 千万 = 1e7, 百万 = 1e6, 十亿,
 * 万亿 …: a run of 十百千万亿 multiplies) and English suffixes (K, M, B,
 * bn, mn, T, thousand, million, billion, trillion) are applied when
 * parsing.  Values are computed from the decimal digits and the power of
 * ten in one correctly rounded step, so "7.563 亿" is exactly 756300000.
 *
 * Full-width digits and separators (２０２４－０５) and U+3000 spaces
 * are read as their ASCII forms everywhere.
 *
 * Parsers come in two forms: *_parse takes a whole string (surrounding
 * spaces allowed) and fails unless all of it is one value; *_scan reads
 * the longest value at the start of the text and says how many bytes it
 * used — for the importer, which finds values inside running text.
 * Failures are ZT_ERR_SYNTAX with a message in `err` (may be NULL) that
 * quotes the text and says what was wrong or expected.
 */
#ifndef ZT_LITERAL_H
#define ZT_LITERAL_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "store.h"

typedef enum zt_precision { ZT_PREC_DAY, ZT_PREC_MONTH, ZT_PREC_QUARTER, ZT_PREC_YEAR } zt_precision;

typedef struct zt_date {
	int year, month, day;      /* month/day 0 when below the precision;
	                              a quarter has month = its first month */
	int quarter;               /* 1..4 for ZT_PREC_QUARTER, else 0 */
	zt_precision prec;
	zt_span span;              /* every day of the period */
} zt_date;

/* Days from civil date and back (valid for years 1..9999). */
int32_t zt_days_from_civil(int y, int m, int d);
void zt_civil_from_days(int32_t days, int *y, int *m, int *d);

/* Days in month m (1..12) of year y. */
int zt_days_in_month(int y, int m);

/* Build a date from parts, checking them: day precision needs all three,
 * month precision d = 0, year precision m = d = 0.  ZT_ERR_SYNTAX (with a
 * message) when the month or day does not exist or the year is not in
 * 1..9999. */
zt_status zt_date_make(int y, int m, int d, zt_date *out, zt_error *err);

/* Parse a whole string as a date.  Forms: "2024-05-14", "2024-05", "2024",
 * "2024-Q2", "2024Q2", "2024 Q2", "Q2 2024", "2024年5月14日" (日 or 号,
 * or no unit at the end), "2024年5月", "2024年", "2024年第二季度",
 * "2024年Q2", "2024年2季度", "2024.5.14", "2024/5/14", "2024/5",
 * "May 14, 2024", "14 May 2024", "May 2024" (English month names and
 * their three-letter abbreviations), with optional spaces around the
 * Chinese units ("2024 年 5 月 8 日").  The year has four digits.  A day
 * or month that does not exist (2024年13月40日, 2023-02-29) is
 * ZT_ERR_SYNTAX with a message saying which part is wrong. */
zt_status zt_date_parse(const char *s, size_t len, zt_date *out, zt_error *err);

/* Read the longest date at the start of `s` (leading spaces skipped);
 * *used gets the bytes consumed (including those spaces).  ZT_NOTFOUND
 * (no message) when the text does not start with a date; ZT_ERR_SYNTAX
 * when it does but a part does not exist ("2024年2月30日"). */
zt_status zt_date_scan(const char *s, size_t len, zt_date *out, size_t *used, zt_error *err);

/* The canonical lexical form: "2024-05-14", "2024-05", "2024-Q2", "2024". */
void zt_date_format(const zt_date *d, char buf[16]);

/* Print a single day as "YYYY-MM-DD". */
void zt_day_format(int32_t day, char buf[16]);

/* Parse money: "6000000000 USD", "2.5亿美元", "10 亿美元", "60亿元人民币",
 * "$350M", "$1.3B", "1B USD", "€20M", "10 亿加元", "3 亿港元", "500万元",
 * "US$1.3 billion", "HK$ 54.89亿", "RMB 500 million", "人民币500万元",
 * "1,000 EUR".  Currencies: 美元/美金/USD/US$/$/dollars → USD,
 * 欧元/EUR/€/euros → EUR, 人民币/元/RMB/CNY/¥/￥/yuan → CNY,
 * 港元/港币/HKD/HK$ → HKD, 加元/加币/CAD/C$ → CAD, 英镑/GBP/£/pounds → GBP,
 * 日元/JPY/yen → JPY, 韩元 → KRW, 新加坡元/新元/S$ → SGD, 澳元/A$ → AUD,
 * and any other three capital letters after the amount as an ISO code.
 * A generic "$" before an amount gives way to a currency named after it
 * ("$3 亿港元" is HKD); two different explicit currencies are an error.
 * The whole string must be one amount with a currency; ZT_ERR_SYNTAX
 * otherwise. */
zt_status zt_money_parse(const char *s, size_t len, double *value, char cur[4], zt_error *err);

/* Read the longest amount of money at the start of `s` (leading spaces
 * skipped), *used bytes.  ZT_NOTFOUND when there is no number there or no
 * currency with it; ZT_ERR_SYNTAX for conflicting currencies. */
zt_status zt_money_scan(const char *s, size_t len, double *value, char cur[4], size_t *used,
                        zt_error *err);

/* Canonical money lexical form "6000000000 USD": the value as
 * zt_number_format writes it, a space, the code. */
void zt_money_format(double value, const char *cur, char *buf, size_t cap);

/* Parse a number: "250000000", "-3", "2.5e8", "2.5亿", "1,000", "30万",
 * "1.5M".  ZT_ERR_SYNTAX unless the whole string is one number. */
zt_status zt_number_parse(const char *s, size_t len, double *value, zt_error *err);

/* Canonical number lexical form: the shortest decimal digits that read
 * back as the same double, written positionally ("250000000", "2.5",
 * "0.0015"; no exponent unless the decimal exponent is beyond -20..40,
 * then "1.5e300").  Integral values have no point.  A buffer of 48 bytes
 * is always enough. */
void zt_number_format(double value, char *buf, size_t cap);

/* Canonicalize the text of an xsd:integer or xsd:decimal exactly, without
 * going through a double: optional sign, leading zeros and trailing
 * fractional zeros dropped, no point for whole numbers, "-0" → "0"
 * ("+007.50" → "7.5", ".5" → "0.5").  `buf` needs len + 2 bytes;
 * the result is NUL-terminated and its length stored in *outlen.
 * ZT_ERR_SYNTAX when the text is not [+-]?digits[.digits] (either side
 * of the point may be empty, not both). */
zt_status zt_number_canon(const char *s, size_t len, char *buf, size_t cap, size_t *outlen);

#endif
