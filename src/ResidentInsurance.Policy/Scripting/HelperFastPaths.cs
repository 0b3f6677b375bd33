using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// Native answers for the helper library's date and money functions when their arguments are of the ordinary kind
/// (well-formed dates, safe integers, results inside the years 0001–9999). Anything else — a malformed date, a
/// fraction of a fen, a result out of range — goes to the library's own JavaScript function, which answers or throws
/// exactly as before, as a nested call under the same limits. Interpreted, one <c>inRange</c> cost about 45 µs
/// (three dates parsed by a regular expression and turned into <c>Date</c> objects); natively about 1 µs. The library
/// stays the definition: a test runs every helper on both paths and compares the answers.
/// </summary>
internal static class HelperFastPaths
{
    private const double MaxSafeInteger = 9007199254740991d;

    /// <summary>Puts the fast paths in front of the library's functions; the library must have run on the engine.</summary>
    public static void Install(Jint.Engine engine)
    {
        Over(engine, "parseDate", a => Date(Arg(a, 0)) is not null ? Arg(a, 0) : null);
        Over(engine, "isDate", a => Arg(a, 0).IsString() ? Bool(Date(Arg(a, 0)) is not null) : JsBoolean.False);
        Over(engine, "addDays", a => Date(Arg(a, 0)) is { } d && SafeInteger(Arg(a, 1)) is { } n
            && d.DayNumber + n >= DateOnly.MinValue.DayNumber && d.DayNumber + n <= DateOnly.MaxValue.DayNumber
            ? Text(DateOnly.FromDayNumber(d.DayNumber + (int)n))
            : null);
        Over(engine, "addMonths", a => Date(Arg(a, 0)) is { } d && SafeInteger(Arg(a, 1)) is { } n ? AddMonths(d, n) : null);
        Over(engine, "firstOfMonth", a => Date(Arg(a, 0)) is { } d ? Text(new DateOnly(d.Year, d.Month, 1)) : null);
        Over(engine, "firstOfNextMonth", a => Date(Arg(a, 0)) is { } d && (d.Year < 9999 || d.Month < 12)
            ? Text(new DateOnly(d.Year, d.Month, 1).AddMonths(1))
            : null);
        Over(engine, "lastOfMonth", a => Date(Arg(a, 0)) is { } d ? Text(new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month))) : null);
        Over(engine, "daysBetween", a => Date(Arg(a, 0)) is { } from && Date(Arg(a, 1)) is { } to ? JsNumber.Create(to.DayNumber - from.DayNumber) : null);
        Over(engine, "compareDates", a => Date(Arg(a, 0)) is { } x && Date(Arg(a, 1)) is { } y ? JsNumber.Create(x.CompareTo(y) switch { < 0 => -1, > 0 => 1, _ => 0 }) : null);
        Over(engine, "inRange", InRange);
        Over(engine, "minDate", a => Extreme(a, latest: false));
        Over(engine, "maxDate", a => Extreme(a, latest: true));
        Over(engine, "yearOf", a => Date(Arg(a, 0)) is { } d ? JsNumber.Create(d.Year) : null);
        Over(engine, "monthOf", a => Date(Arg(a, 0)) is { } d ? JsNumber.Create(d.Month) : null);
        Over(engine, "ageAt", AgeAt);
        Over(engine, "fenToYuan", a => SafeInteger(Arg(a, 0)) is { } fen ? JsNumber.Create(fen / 100) : null);
        Over(engine, "percentOfFen", PercentOfFen);
    }

    /// <summary>
    /// Replaces the global function <paramref name="name"/> with one that tries <paramref name="fast"/> first and calls
    /// the replaced function when it answers null.
    /// </summary>
    public static void Over(Jint.Engine engine, string name, Func<JsValue[], JsValue?> fast)
    {
        var library = engine.Global.Get(name);
        if (library is not Jint.Native.Function.Function)
        {
            throw new InvalidOperationException($"the helper library defines no function '{name}'");
        }

        var length = (int)TypeConverter.ToNumber(library.Get("length"));
        engine.SetValue(name, new ClrFunction(engine, name, (_, arguments) => fast(arguments) ?? engine.Call(library, JsValue.Undefined, arguments), length));
    }

    /// <summary>null or undefined: an open bound, an unset parameter.</summary>
    internal static bool IsNullish(JsValue value) => value.IsNull() || value.IsUndefined();

    internal static JsValue Arg(JsValue[] arguments, int index) => index < arguments.Length ? arguments[index] : JsValue.Undefined;

    private static JsBoolean Bool(bool value) => value ? JsBoolean.True : JsBoolean.False;

    /// <summary>The day a string 'YYYY-MM-DD' (ASCII digits) names, or null for anything else, a day that does not exist included.</summary>
    private static DateOnly? Date(JsValue value)
    {
        if (!value.IsString())
        {
            return null;
        }

        var text = value.ToString();
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || Digits(text, 0, 4) is not { } year || Digits(text, 5, 2) is not { } month || Digits(text, 8, 2) is not { } day
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day);
    }

    private static int? Digits(string text, int start, int count)
    {
        var n = 0;
        for (var i = start; i < start + count; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return null;
            }

            n = n * 10 + (text[i] - '0');
        }

        return n;
    }

    /// <summary>A number that is a safe integer (JavaScript's <c>Number.isSafeInteger</c>), or null.</summary>
    private static double? SafeInteger(JsValue value)
    {
        if (!value.IsNumber())
        {
            return null;
        }

        var n = value.AsNumber();
        return Math.Abs(n) <= MaxSafeInteger && Math.Floor(n) == n ? n : null;
    }

    private static JsString Text(DateOnly day) => new(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static JsValue? AddMonths(DateOnly d, double n)
    {
        var months = d.Year * 12L + (d.Month - 1) + (long)n;
        var year = Math.Floor(months / 12d);
        if (year is < 1 or > 9999)
        {
            return null;
        }

        var month = (int)(months - (long)year * 12) + 1;
        return Text(new DateOnly((int)year, month, Math.Min(d.Day, DateTime.DaysInMonth((int)year, month))));
    }

    private static JsValue? InRange(JsValue[] a)
    {
        if (Date(Arg(a, 0)) is not { } day || !Bound(Arg(a, 1), out var low) || !Bound(Arg(a, 2), out var high))
        {
            return null;
        }

        return Bool((low is null || day >= low) && (high is null || day <= high));
    }

    /// <summary>An open bound (null or undefined) or a date; false for anything else.</summary>
    private static bool Bound(JsValue value, out DateOnly? day)
    {
        var open = IsNullish(value);
        day = open ? null : Date(value);
        return open || day is not null;
    }

    /// <summary>The earliest (latest) of the dates given, skipping null and undefined; the argument itself is returned.</summary>
    private static JsValue? Extreme(JsValue[] a, bool latest)
    {
        JsValue best = JsValue.Null;
        DateOnly bestDay = default;
        foreach (var value in a)
        {
            if (!Bound(value, out var day))
            {
                return null;
            }

            if (day is { } d && (best.IsNull() || (latest ? d > bestDay : d < bestDay)))
            {
                best = value;
                bestDay = d;
            }
        }

        return best;
    }

    private static JsValue? AgeAt(JsValue[] a)
    {
        if (Date(Arg(a, 0)) is not { } birth || Date(Arg(a, 1)) is not { } at || at < birth)
        {
            return null;
        }

        var age = at.Year - birth.Year;
        if (at.Month < birth.Month || (at.Month == birth.Month && at.Day < birth.Day))
        {
            age -= 1;
        }

        return JsNumber.Create(age);
    }

    private static JsValue? PercentOfFen(JsValue[] a)
    {
        if (SafeInteger(Arg(a, 0)) is not { } fen || SafeInteger(Arg(a, 1)) is not { } basisPoints)
        {
            return null;
        }

        var product = fen * basisPoints;
        if (Math.Abs(product) > MaxSafeInteger)
        {
            return null;
        }

        var magnitude = Math.Abs(product);
        var remainder = magnitude % 10000;
        var share = (magnitude - remainder) / 10000 + (remainder >= 5000 ? 1 : 0);
        return JsNumber.Create(product < 0 && share != 0 ? -share : share);
    }
}
