/* literal.h — dates, numbers and money: parse and format, shared by the
 * query language and the importer.
 *
 * Days are counted from 1970-01-01 (day 0), proleptic Gregorian.
 * A date has a precision: a day, a month, a quarter or a year; its span is
 * every day of that period.  Money is a value and an ISO 4217 code;
 * Chinese multipliers (万 = 1e4, 亿 = 1e8, 千万 = 1e7, 百万 = 1e6) and
 * English suffixes (K, M, B, bn) are applied when parsing.
 */
#ifndef ZT_LITERAL_H
#define ZT_LITERAL_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "store.h"

typedef enum zt_precision { ZT_PREC_DAY, ZT_PREC_MONTH, ZT_PREC_QUARTER, ZT_PREC_YEAR } zt_precision;

typedef struct zt_date {
	int year, month, day;      /* month/day 0 when below the precision */
	zt_precision prec;
	zt_span span;              /* every day of the period */
} zt_date;

/* Days from civil date and back (valid for years 1..9999). */
int32_t zt_days_from_civil(int y, int m, int d);
void zt_civil_from_days(int32_t days, int *y, int *m, int *d);

/* Parse a whole string as a date: "2024-05-14", "2024-05", "2024",
 * "2024-Q2", "2024年5月14日", "2024年5月", "2024年", "2024.5.14",
 * "2024/5/14", with optional spaces between the parts ("2024 年 5 月 8 日").
 * A day or month that does not exist (2024年13月40日) is ZT_ERR_SYNTAX with
 * a message in `err`. */
zt_status zt_date_parse(const char *s, size_t len, zt_date *out, zt_error *err);

/* The canonical lexical form: "2024-05-14", "2024-05", "2024-Q2", "2024". */
void zt_date_format(const zt_date *d, char buf[16]);

/* Print a single day as "YYYY-MM-DD". */
void zt_day_format(int32_t day, char buf[16]);

/* Parse money: "6000000000 USD", "2.5亿美元", "10 亿美元", "60亿元人民币",
 * "$350M", "$1.3B", "1B USD", "€20M", "10 亿加元", "3 亿港元", "500万元".
 * Currencies: 美元/USD/$ → USD, 欧元/EUR/€ → EUR, 人民币/元/RMB/CNY/¥ → CNY,
 * 港元/港币/HKD → HKD, 加元/CAD → CAD, 英镑/GBP/£ → GBP, 日元/JPY → JPY.
 * The whole string must be one amount; ZT_ERR_SYNTAX otherwise. */
zt_status zt_money_parse(const char *s, size_t len, double *value, char cur[4], zt_error *err);

/* Canonical money lexical form "6000000000 USD" (integral values without a
 * decimal point, others with up to 6 significant decimals). */
void zt_money_format(double value, const char *cur, char *buf, size_t cap);

/* Parse a number: "250000000", "2.5e8", "2.5亿", "1,000", "30万". */
zt_status zt_number_parse(const char *s, size_t len, double *value, zt_error *err);

/* Canonical number lexical form (integral values without a point). */
void zt_number_format(double value, char *buf, size_t cap);

#endif
