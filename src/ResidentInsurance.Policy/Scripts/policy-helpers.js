/*
 * policy-helpers.js — the helper library every policy script can call.
 *
 * Plain JavaScript with no host bridge: it runs inside the Jint sandbox (loaded once per engine, its
 * functions are globals there) and unchanged under Node (as a CommonJS module it exports them).
 *
 * Conventions:
 *   - a date is an ISO calendar date string 'YYYY-MM-DD' (no time, no zone); functions validate their
 *     date arguments and throw on anything else, including dates that do not exist ('2021-02-30');
 *   - money is an integer number of fen (1 yuan = 100 fen); rounding is half up on the magnitude
 *     (四舍五入: 0.5 fen goes to 1 fen, -0.5 fen to -1 fen);
 *   - the region's parameters are the global `params`; a parameter whose value is null or absent is
 *     "unset", and requireParam throws a MissingParameterError naming it.
 *
 * The JSDoc types below are the source of the editor type definitions. Functions tagged @internal and
 * the UPPER_CASE constants are implementation details: visible as globals in the sandbox (a script
 * runs in the same global scope), but not part of the library's API.
 */
'use strict';

/**
 * An ISO calendar date, 'YYYY-MM-DD', e.g. '2021-04-01'.
 * @typedef {string} IsoDate
 */

/**
 * What idNumber.parse learns from a resident ID number. When `valid` is false, `error` says why and
 * the other fields are null.
 * @typedef {Object} IdNumberInfo
 * @property {boolean} valid Whether the number is well formed, has a real birth date and a correct check character.
 * @property {string|null} error Why the number is not valid ('checksum fails', 'must be 18 characters', …); null when valid.
 * @property {string|null} number The number with a lowercase x check character written as X.
 * @property {string|null} areaCode The six-digit administrative area code (positions 1–6).
 * @property {IsoDate|null} birthDate The birth date (positions 7–14).
 * @property {'M'|'F'|null} sex From the sequence code's last digit (position 17): odd is 'M', even is 'F'.
 * @property {string|null} checkDigit The check character (position 18): '0'–'9' or 'X'.
 */

var MS_PER_DAY = 86400000;
/** China Standard Time: UTC+8, without daylight saving since 1991. */
var SHANGHAI_OFFSET_MS = 8 * 3600000;
var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
var hasOwn = Object.prototype.hasOwnProperty;

/* ------------------------------------------------------------------ internal helpers */

/**
 * Describes a value for an error message.
 * @param {*} value
 * @returns {string}
 * @internal
 */
function describeValue(value) {
  if (typeof value === 'string') {
    return "'" + value + "'";
  }
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return 'a value of type ' + typeof value;
}

/**
 * Whether a year is a leap year in the Gregorian calendar.
 * @param {number} year
 * @returns {boolean}
 * @internal
 */
function isLeapYear(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The number of days in a month.
 * @param {number} year
 * @param {number} month 1–12
 * @returns {number}
 * @internal
 */
function daysInMonth(year, month) {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Writes a date as 'YYYY-MM-DD'; throws when the year leaves 0001–9999.
 * @param {number} year
 * @param {number} month 1–12
 * @param {number} day
 * @param {string} caller The helper to name in an error.
 * @returns {IsoDate}
 * @internal
 */
function formatDate(year, month, day, caller) {
  if (year < 1 || year > 9999) {
    throw new RangeError(caller + ': the result falls outside the years 0001–9999');
  }
  return String(year).padStart(4, '0') + '-' + String(month).padStart(2, '0') + '-' + String(day).padStart(2, '0');
}

/**
 * Validates a date argument and splits it into its parts.
 * @param {*} value
 * @param {string} caller The helper to name in an error.
 * @returns {{year: number, month: number, day: number}}
 * @internal
 */
function dateParts(value, caller) {
  if (typeof value !== 'string') {
    throw new TypeError(caller + ': expected a date string YYYY-MM-DD, got ' + describeValue(value));
  }
  var match = ISO_DATE.exec(value);
  if (match === null) {
    throw new RangeError(caller + ': ' + describeValue(value) + ' is not a date in the form YYYY-MM-DD');
  }
  var year = Number(match[1]);
  var month = Number(match[2]);
  var day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(caller + ': ' + describeValue(value) + ' is not a date');
  }
  return { year: year, month: month, day: day };
}

/**
 * Days since 1970-01-01 (negative before it), on the proleptic Gregorian calendar.
 * @param {{year: number, month: number, day: number}} parts
 * @returns {number}
 * @internal
 */
function dayNumber(parts) {
  var date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/**
 * The date a day number stands for.
 * @param {number} days Days since 1970-01-01.
 * @param {string} caller The helper to name in an error.
 * @returns {IsoDate}
 * @internal
 */
function fromDayNumber(days, caller) {
  var date = new Date(days * MS_PER_DAY);
  if (isNaN(date.getTime())) {
    throw new RangeError(caller + ': the result falls outside the years 0001–9999');
  }
  return formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), caller);
}

/**
 * Validates an integer argument.
 * @param {*} value
 * @param {string} what How the error names the argument.
 * @param {string} caller The helper to name in an error.
 * @returns {number}
 * @internal
 */
function requireInteger(value, what, caller) {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(caller + ': ' + what + ' must be an integer, got ' + describeValue(value));
  }
  return value;
}

/**
 * Validates a date argument that may be null or undefined (an open bound).
 * @param {*} value
 * @param {string} caller
 * @returns {number|null} The day number, or null for an open bound.
 * @internal
 */
function optionalDayNumber(value, caller) {
  return value === null || value === undefined ? null : dayNumber(dateParts(value, caller));
}

/* ------------------------------------------------------------------ dates */

/**
 * Validates an ISO date string and returns it. Throws a TypeError for a non-string and a RangeError
 * for text that is not 'YYYY-MM-DD' or names a day that does not exist ('2021-02-30').
 * @param {string} s
 * @returns {IsoDate}
 */
function parseDate(s) {
  dateParts(s, 'parseDate');
  return s;
}

/**
 * Whether a value is an ISO date string naming a real day.
 * @param {*} s
 * @returns {boolean}
 */
function isDate(s) {
  if (typeof s !== 'string') {
    return false;
  }
  var match = ISO_DATE.exec(s);
  if (match === null) {
    return false;
  }
  var year = Number(match[1]);
  var month = Number(match[2]);
  var day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The date n days after d (before it for negative n). Counting a period "N days from d" the way the
 * Civil Code does (the day of the event itself is not counted) is addDays(d, N):
 * addDays('2021-01-01', 90) is '2021-04-01'.
 * @param {IsoDate} d
 * @param {number} n An integer.
 * @returns {IsoDate}
 */
function addDays(d, n) {
  var start = dayNumber(dateParts(d, 'addDays'));
  return fromDayNumber(start + requireInteger(n, 'the number of days', 'addDays'), 'addDays');
}

/**
 * The date n calendar months after d (before it for negative n). When that month is too short for
 * d's day, the result is its last day: addMonths('2021-01-31', 1) is '2021-02-28'.
 * @param {IsoDate} d
 * @param {number} n An integer.
 * @returns {IsoDate}
 */
function addMonths(d, n) {
  var parts = dateParts(d, 'addMonths');
  var months = parts.year * 12 + (parts.month - 1) + requireInteger(n, 'the number of months', 'addMonths');
  var year = Math.floor(months / 12);
  var month = months - year * 12 + 1;
  if (year < 1 || year > 9999) {
    throw new RangeError('addMonths: the result falls outside the years 0001–9999');
  }
  return formatDate(year, month, Math.min(parts.day, daysInMonth(year, month)), 'addMonths');
}

/**
 * The first day of d's month.
 * @param {IsoDate} d
 * @returns {IsoDate}
 */
function firstOfMonth(d) {
  var parts = dateParts(d, 'firstOfMonth');
  return formatDate(parts.year, parts.month, 1, 'firstOfMonth');
}

/**
 * The first day of the month after d's month: firstOfNextMonth('2021-12-15') is '2022-01-01'.
 * @param {IsoDate} d
 * @returns {IsoDate}
 */
function firstOfNextMonth(d) {
  var parts = dateParts(d, 'firstOfNextMonth');
  return parts.month === 12
    ? formatDate(parts.year + 1, 1, 1, 'firstOfNextMonth')
    : formatDate(parts.year, parts.month + 1, 1, 'firstOfNextMonth');
}

/**
 * The last day of d's month: lastOfMonth('2024-02-10') is '2024-02-29'.
 * @param {IsoDate} d
 * @returns {IsoDate}
 */
function lastOfMonth(d) {
  var parts = dateParts(d, 'lastOfMonth');
  return formatDate(parts.year, parts.month, daysInMonth(parts.year, parts.month), 'lastOfMonth');
}

/**
 * The number of days from a to b, b − a: daysBetween('2021-01-01', '2021-04-01') is 90; negative
 * when b is before a.
 * @param {IsoDate} a
 * @param {IsoDate} b
 * @returns {number}
 */
function daysBetween(a, b) {
  return dayNumber(dateParts(b, 'daysBetween')) - dayNumber(dateParts(a, 'daysBetween'));
}

/**
 * Whether from ≤ d ≤ to, both ends included. A null or undefined bound is open.
 * @param {IsoDate} d
 * @param {IsoDate|null} [from]
 * @param {IsoDate|null} [to]
 * @returns {boolean}
 */
function inRange(d, from, to) {
  var day = dayNumber(dateParts(d, 'inRange'));
  var low = optionalDayNumber(from, 'inRange');
  var high = optionalDayNumber(to, 'inRange');
  return (low === null || day >= low) && (high === null || day <= high);
}

/**
 * Orders two dates: -1 when a is before b, 0 when they are the same day, 1 when a is after b.
 * @param {IsoDate} a
 * @param {IsoDate} b
 * @returns {-1|0|1}
 */
function compareDates(a, b) {
  var difference = dayNumber(dateParts(a, 'compareDates')) - dayNumber(dateParts(b, 'compareDates'));
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/**
 * The earliest of the dates given. Null and undefined arguments are skipped (an unknown or open
 * date); the result is null when none is left.
 * @param {...(IsoDate|null|undefined)} dates
 * @returns {IsoDate|null}
 */
function minDate() {
  var best = null;
  var bestDay = 0;
  for (var i = 0; i < arguments.length; i++) {
    var day = optionalDayNumber(arguments[i], 'minDate');
    if (day !== null && (best === null || day < bestDay)) {
      best = arguments[i];
      bestDay = day;
    }
  }
  return best;
}

/**
 * The latest of the dates given. Null and undefined arguments are skipped (an unknown or open
 * date); the result is null when none is left.
 * @param {...(IsoDate|null|undefined)} dates
 * @returns {IsoDate|null}
 */
function maxDate() {
  var best = null;
  var bestDay = 0;
  for (var i = 0; i < arguments.length; i++) {
    var day = optionalDayNumber(arguments[i], 'maxDate');
    if (day !== null && (best === null || day > bestDay)) {
      best = arguments[i];
      bestDay = day;
    }
  }
  return best;
}

/**
 * The year of a date: yearOf('2021-04-01') is 2021.
 * @param {IsoDate} d
 * @returns {number}
 */
function yearOf(d) {
  return dateParts(d, 'yearOf').year;
}

/**
 * The month of a date, 1–12: monthOf('2021-04-01') is 4.
 * @param {IsoDate} d
 * @returns {number}
 */
function monthOf(d) {
  return dateParts(d, 'monthOf').month;
}

/**
 * Age in whole years on atDate: a person is one year older on each birthday. Someone born on
 * 29 February turns a year older on 1 March in common years. Throws when atDate is before birthDate.
 * @param {IsoDate} birthDate
 * @param {IsoDate} atDate
 * @returns {number}
 */
function ageAt(birthDate, atDate) {
  var birth = dateParts(birthDate, 'ageAt');
  var at = dateParts(atDate, 'ageAt');
  if (dayNumber(at) < dayNumber(birth)) {
    throw new RangeError('ageAt: ' + atDate + ' is before the birth date ' + birthDate);
  }
  var age = at.year - birth.year;
  if (at.month < birth.month || (at.month === birth.month && at.day < birth.day)) {
    age -= 1;
  }
  return age;
}

/**
 * Today's date in China Standard Time (Asia/Shanghai, UTC+8), from the clock the host provides
 * (Date.now()). It does not depend on the machine's time zone.
 * @returns {IsoDate}
 */
function today() {
  var shanghai = new Date(Date.now() + SHANGHAI_OFFSET_MS);
  return formatDate(shanghai.getUTCFullYear(), shanghai.getUTCMonth() + 1, shanghai.getUTCDate(), 'today');
}

/* ------------------------------------------------------------------ money */

var DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Converts an amount in yuan to integer fen, rounding half up (on the magnitude) to the fen:
 * yuanToFen('12.80') is 1280, yuanToFen(0.125) is 13, yuanToFen('-0.005') is -1. A number is rounded
 * on its shortest decimal form, so yuanToFen(1.005) is 101. A string may have surrounding spaces.
 * @param {number|string} yuan
 * @returns {number}
 */
function yuanToFen(yuan) {
  var text;
  if (typeof yuan === 'number') {
    if (!isFinite(yuan)) {
      throw new RangeError('yuanToFen: ' + yuan + ' is not an amount');
    }
    text = String(yuan);
  } else if (typeof yuan === 'string') {
    text = yuan.trim();
  } else {
    throw new TypeError('yuanToFen: expected a number or a numeric string, got ' + describeValue(yuan));
  }
  var match = DECIMAL.exec(text);
  if (match === null || (match[2] === '' && !match[3])) {
    throw new RangeError('yuanToFen: ' + describeValue(yuan) + ' is not an amount in yuan');
  }
  var negative = match[1] === '-';
  var digits = match[2] + (match[3] || '');
  var exponent = match[4] ? Number(match[4]) : 0;
  // the decimal point sits after `point` digits; fen move it two places right
  var leading = 0;
  while (leading < digits.length && digits.charAt(leading) === '0') {
    leading++;
  }
  var point = match[2].length + exponent + 2 - leading;
  digits = digits.slice(leading);
  if (digits === '') {
    return 0;
  }
  if (point > 16) {
    throw new RangeError('yuanToFen: ' + describeValue(yuan) + ' is too large');
  }
  var whole = point <= 0 ? '' : digits.length >= point ? digits.slice(0, point) : digits + '0'.repeat(point - digits.length);
  var next = point < 0 ? '0' : digits.charAt(point) || '0';
  var fen = (whole === '' ? 0 : Number(whole)) + (next >= '5' ? 1 : 0);
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError('yuanToFen: ' + describeValue(yuan) + ' is too large');
  }
  return negative && fen !== 0 ? -fen : fen;
}

/**
 * Converts integer fen to yuan, a number with at most two decimals: fenToYuan(1280) is 12.8.
 * @param {number} fen An integer.
 * @returns {number}
 */
function fenToYuan(fen) {
  return requireInteger(fen, 'the amount in fen', 'fenToYuan') / 100;
}

/**
 * A share of an amount in basis points (1/100 of a percent; 10000 bp is the whole), rounded half up
 * (on the magnitude) to the fen: percentOfFen(25000, 6000) is 15000, percentOfFen(1, 5000) is 1.
 * @param {number} fen An integer.
 * @param {number} basisPoints An integer.
 * @returns {number}
 */
function percentOfFen(fen, basisPoints) {
  requireInteger(fen, 'the amount in fen', 'percentOfFen');
  requireInteger(basisPoints, 'the basis points', 'percentOfFen');
  var product = fen * basisPoints;
  if (!Number.isSafeInteger(product)) {
    throw new RangeError('percentOfFen: ' + fen + ' fen × ' + basisPoints + ' bp is too large');
  }
  var magnitude = Math.abs(product);
  var remainder = magnitude % 10000;
  var share = (magnitude - remainder) / 10000 + (remainder >= 5000 ? 1 : 0);
  return product < 0 && share !== 0 ? -share : share;
}

/**
 * Picks the smallest or largest of integer amounts, skipping null and undefined.
 * @param {ArrayLike<*>} amounts
 * @param {string} caller
 * @param {boolean} largest
 * @returns {number|null}
 * @internal
 */
function pickFen(amounts, caller, largest) {
  var best = null;
  for (var i = 0; i < amounts.length; i++) {
    var amount = amounts[i];
    if (amount === null || amount === undefined) {
      continue;
    }
    requireInteger(amount, 'an amount in fen', caller);
    if (best === null || (largest ? amount > best : amount < best)) {
      best = amount;
    }
  }
  return best;
}

/**
 * The smallest of the amounts in fen given. Null and undefined arguments are skipped; the result is
 * null when none is left.
 * @param {...(number|null|undefined)} amounts Integers.
 * @returns {number|null}
 */
function minFen() {
  return pickFen(arguments, 'minFen', false);
}

/**
 * The largest of the amounts in fen given. Null and undefined arguments are skipped; the result is
 * null when none is left.
 * @param {...(number|null|undefined)} amounts Integers.
 * @returns {number|null}
 */
function maxFen() {
  return pickFen(arguments, 'maxFen', true);
}

/* ------------------------------------------------------------------ resident ID numbers (GB 11643-1999) */

var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
var ID_CHECK_CHARACTERS = '10X98765432';
var SEVENTEEN_DIGITS = /^\d{17}$/;
var ID_SHAPE = /^\d{17}[\dX]$/;

/**
 * Resident ID numbers (居民身份证号码) per GB 11643-1999: 18 characters — a six-digit area code,
 * the birth date YYYYMMDD, a three-digit sequence code whose last digit is odd for men and even for
 * women, and a check character ('0'–'9' or 'X'; a lowercase x is read as X).
 */
var idNumber = {
  /**
   * The check character for the first 17 digits of an ID number: the digits weighted by
   * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, summed, and the sum modulo 11 indexing "10X98765432".
   * Throws a TypeError unless given exactly 17 digits.
   * @param {string} first17
   * @returns {string}
   */
  checkDigit: function checkDigit(first17) {
    if (typeof first17 !== 'string' || !SEVENTEEN_DIGITS.test(first17)) {
      throw new TypeError('idNumber.checkDigit: expected 17 digits, got ' + describeValue(first17));
    }
    var sum = 0;
    for (var i = 0; i < 17; i++) {
      sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
    }
    return ID_CHECK_CHARACTERS.charAt(sum % 11);
  },

  /**
   * Checks an ID number: 18 characters, 17 digits and a check character, a real birth date, a
   * correct check character. `error` says what failed first.
   * @param {string} id
   * @returns {IdNumberInfo}
   */
  parse: function parse(id) {
    var result = { valid: false, error: null, number: null, areaCode: null, birthDate: null, sex: null, checkDigit: null };
    if (id === null || id === undefined) {
      result.error = 'is missing';
      return result;
    }
    if (typeof id !== 'string') {
      result.error = 'must be a string';
      return result;
    }
    if (id.length !== 18) {
      result.error = 'must be 18 characters';
      return result;
    }
    var number = id.charAt(17) === 'x' ? id.slice(0, 17) + 'X' : id;
    if (!ID_SHAPE.test(number)) {
      result.error = 'must be 17 digits followed by a digit or X';
      return result;
    }
    var birth = number.slice(6, 14);
    var birthDate = birth.slice(0, 4) + '-' + birth.slice(4, 6) + '-' + birth.slice(6, 8);
    if (!isDate(birthDate)) {
      result.error = 'birth date ' + birth + ' is not a date';
      return result;
    }
    if (idNumber.checkDigit(number.slice(0, 17)) !== number.charAt(17)) {
      result.error = 'checksum fails';
      return result;
    }
    result.valid = true;
    result.number = number;
    result.areaCode = number.slice(0, 6);
    result.birthDate = birthDate;
    result.sex = (number.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
    result.checkDigit = number.charAt(17);
    return result;
  },

  /**
   * Whether an ID number passes idNumber.parse.
   * @param {string} id
   * @returns {boolean}
   */
  isValid: function isValid(id) {
    return idNumber.parse(id).valid;
  },
};

/* ------------------------------------------------------------------ parameters */

/**
 * Thrown when a script needs a parameter that has no value for the region. The host reports it as a
 * missing parameter naming `parameter`, rather than as a script error.
 */
var MissingParameterError = class MissingParameterError extends Error {
  /**
   * @param {string} parameter The parameter's path, e.g. 'subsidies/dibao/amountFen'.
   * @param {string} [message]
   */
  constructor(parameter, message) {
    super(message || "parameter '" + parameter + "' has no value");
    /** @type {string} */
    this.parameter = parameter;
  }
};
Object.defineProperty(MissingParameterError.prototype, 'name', {
  value: 'MissingParameterError',
  writable: true,
  enumerable: false,
  configurable: true,
});

/**
 * Reads `params` along a path; undefined when any step is missing.
 * @param {string} path Segments separated by '/' or '.'.
 * @param {string} caller
 * @returns {*}
 * @internal
 */
function lookupParam(path, caller) {
  if (typeof path !== 'string' || path === '') {
    throw new TypeError(caller + ': expected a parameter path, got ' + describeValue(path));
  }
  // Split by strings: a regular-expression separator makes String.prototype.split build a new RegExp on every call.
  var segments = (path.indexOf('.') >= 0 ? path.split('.').join('/') : path).split('/');
  if (segments.indexOf('') >= 0) {
    throw new TypeError(caller + ': ' + describeValue(path) + ' has an empty segment');
  }
  var node = typeof params === 'undefined' ? undefined : params;
  for (var i = 0; i < segments.length; i++) {
    if (node === null || typeof node !== 'object' || !hasOwn.call(node, segments[i])) {
      return undefined;
    }
    node = node[segments[i]];
  }
  return node;
}

/**
 * A parameter's value, read from `params` by a path with '/' or '.' between the segments
 * ('latePrice', 'subsidies/dibao/amountFen', 'subsidies.dibao.amountFen'). Throws a
 * MissingParameterError naming the path when the value is null or absent (the parameter is unset).
 * @param {string} path
 * @returns {*}
 */
function requireParam(path) {
  var value = lookupParam(path, 'requireParam');
  if (value === null || value === undefined) {
    throw new MissingParameterError(path);
  }
  return value;
}

/**
 * A parameter's value like requireParam, or `fallback` when the parameter is null or absent.
 * @template T
 * @param {string} path
 * @param {T} fallback
 * @returns {*|T}
 */
function paramOr(path, fallback) {
  var value = lookupParam(path, 'paramOr');
  return value === null || value === undefined ? fallback : value;
}

/* ------------------------------------------------------------------ Node */

if (typeof module === 'object' && module !== null && typeof module.exports === 'object') {
  module.exports = {
    parseDate: parseDate,
    isDate: isDate,
    addDays: addDays,
    addMonths: addMonths,
    firstOfMonth: firstOfMonth,
    firstOfNextMonth: firstOfNextMonth,
    lastOfMonth: lastOfMonth,
    daysBetween: daysBetween,
    inRange: inRange,
    compareDates: compareDates,
    minDate: minDate,
    maxDate: maxDate,
    yearOf: yearOf,
    monthOf: monthOf,
    ageAt: ageAt,
    today: today,
    yuanToFen: yuanToFen,
    fenToYuan: fenToYuan,
    percentOfFen: percentOfFen,
    minFen: minFen,
    maxFen: maxFen,
    idNumber: idNumber,
    MissingParameterError: MissingParameterError,
    requireParam: requireParam,
    paramOr: paramOr,
  };
}
