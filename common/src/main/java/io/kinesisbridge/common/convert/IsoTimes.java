package io.kinesisbridge.common.convert;

import java.time.LocalDate;

/**
 * ISO-8601 text for Connect's time logical types, always in UTC and always with milliseconds, so
 * every value of a field has the same shape. Written by hand because these run once per field per
 * record and {@link java.time.format.DateTimeFormatter} costs several times more.
 */
final class IsoTimes {

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private IsoTimes() {}

  /** {@code 2024-03-01T13:45:30.250Z} for a Connect {@code Timestamp}. */
  static String timestamp(long epochMillis) {
    StringBuilder text = new StringBuilder(24);
    appendDate(text, Math.floorDiv(epochMillis, MILLIS_PER_DAY));
    text.append('T');
    appendTimeOfDay(text, Math.floorMod(epochMillis, MILLIS_PER_DAY));
    return text.append('Z').toString();
  }

  /** {@code 2024-03-01} for a Connect {@code Date} (midnight UTC of that day). */
  static String date(long epochMillis) {
    StringBuilder text = new StringBuilder(10);
    appendDate(text, Math.floorDiv(epochMillis, MILLIS_PER_DAY));
    return text.toString();
  }

  /** {@code 13:45:30.250} for a Connect {@code Time} (milliseconds since midnight UTC). */
  static String time(long epochMillis) {
    StringBuilder text = new StringBuilder(12);
    appendTimeOfDay(text, Math.floorMod(epochMillis, MILLIS_PER_DAY));
    return text.toString();
  }

  private static void appendDate(StringBuilder text, long epochDay) {
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      // ISO-8601's expanded form (+10000-01-01, -0001-01-01); LocalDate already writes it.
      text.append(date);
      return;
    }
    appendPadded(text, year, 4).append('-');
    appendPadded(text, date.getMonthValue(), 2).append('-');
    appendPadded(text, date.getDayOfMonth(), 2);
  }

  private static void appendTimeOfDay(StringBuilder text, long millisOfDay) {
    int millis = (int) millisOfDay;
    appendPadded(text, millis / 3_600_000, 2).append(':');
    appendPadded(text, millis / 60_000 % 60, 2).append(':');
    appendPadded(text, millis / 1000 % 60, 2).append('.');
    appendPadded(text, millis % 1000, 3);
  }

  private static StringBuilder appendPadded(StringBuilder text, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
      if (value < limit) {
        text.append('0');
      }
    }
    return text.append(value);
  }
}
