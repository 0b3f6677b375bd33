using System.Globalization;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Helpers;

/// <summary>
/// The helper library's date and money functions answer natively for ordinary arguments and leave the rest to the
/// library's JavaScript. The library is the definition: every call below runs in a sandbox with the native answers and
/// in one without, and each answer — a value, or the error's name and message — must be the same.
/// </summary>
public sealed class HelperFastPathTests
{
    private static readonly string[] Awkward =
    [
        "'2021-02-28'", "'2021-02-29'", "'2020-02-29'", "'1900-02-29'", "'2000-02-29'", "'2021-04-31'", "'2021-13-01'",
        "'2021-00-10'", "'2021-01-00'", "'0000-01-01'", "'0001-01-01'", "'0001-02-28'", "'9999-12-31'", "'9999-12-01'",
        "'9998-12-31'", "'1969-12-31'", "'1970-01-01'", "'2021-12-31'", "'2021-01-31'", "'2021-03-31'", "'2024-02-29'",
        "'2021-2-3'", "'2021-02-03T00:00:00Z'", "' 2021-02-03'", "'2021-02-03 '", "'２０２１-01-01'", "'2021/02/03'",
        "'+021-02-03'", "'2021-0x-03'", "''", "null", "undefined", "20210203", "new String('2021-02-03')", "['2021-02-03']",
    ];

    private static readonly string[] Numbers =
    [
        "0", "1", "-1", "12", "-13", "59", "365", "-366", "1.5", "-0", "'1'", "null", "NaN", "Infinity",
        "3652058", "-3652058", "3652059", "9007199254740991", "-9007199254740991", "9007199254740992", "1e20",
    ];

    [Fact]
    public void Every_date_helper_answers_as_the_library_on_awkward_arguments()
    {
        var pairs = from a in Awkward from b in Awkward select $"[{a}, {b}]";
        var triples = from a in Awkward.Take(24) from b in new[] { "'2021-01-01'", "null", "undefined", "'2021-02-30'", "5" }
                      from c in new[] { "'2021-12-31'", "null", "'2020-12-31'", "'x'" } select $"[{a}, {b}, {c}]";
        var withNumbers = from d in Awkward from n in Numbers select $"[{d}, {n}]";
        var singles = Awkward.Select(a => $"[{a}]").Concat(Sweep().Select(d => $"['{d}']"));

        Compare(
            ("parseDate", singles), ("isDate", singles), ("yearOf", singles), ("monthOf", singles), ("firstOfMonth", singles),
            ("firstOfNextMonth", singles), ("lastOfMonth", singles),
            ("daysBetween", pairs.Concat(Sweep().Select(d => $"['1970-01-01', '{d}']"))), ("compareDates", pairs), ("ageAt", pairs),
            ("inRange", triples), ("minDate", triples.Concat(pairs)), ("maxDate", triples.Concat(pairs)),
            ("addDays", withNumbers.Concat(Sweep().Select(d => $"['0001-01-01', {(DateOnly.Parse(d, CultureInfo.InvariantCulture).DayNumber)}]"))),
            ("addMonths", withNumbers));
    }

    [Fact]
    public void Money_helpers_answer_as_the_library()
    {
        string[] amounts = ["0", "1", "-1", "28000", "-28000", "12345", "1.5", "-0", "'100'", "null", "NaN", "9007199254740991", "94906266", "94906267"];
        string[] basisPoints = ["0", "1", "5000", "6000", "10000", "4999", "-5000", "2.5", "'6000'", "undefined", "94906266"];

        Compare(
            ("fenToYuan", amounts.Select(a => $"[{a}]")),
            ("percentOfFen", from a in amounts from b in basisPoints select $"[{a}, {b}]"));
    }

    /// <summary>Every 97th day from 0001-01-01 to 9999-12-31 and every day around the turns of 1900, 2000 and 2100.</summary>
    private static IEnumerable<string> Sweep()
    {
        for (var d = DateOnly.MinValue; d < DateOnly.MaxValue.AddDays(-97); d = d.AddDays(97))
        {
            yield return Iso(d);
        }

        foreach (var year in new[] { 1900, 2000, 2100 })
        {
            for (var d = new DateOnly(year - 1, 12, 20); d < new DateOnly(year, 3, 10); d = d.AddDays(1))
            {
                yield return Iso(d);
            }
        }

        yield return Iso(DateOnly.MaxValue);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Compare(params (string Helper, IEnumerable<string> Calls)[] helpers)
    {
        var script = "var out = []; var calls = [" + string.Join(",", helpers.Select(h => $"['{h.Helper}', [{string.Join(",", h.Calls)}]]")) + "];" +
            "calls.forEach(function (c) { var f = globalThis[c[0]]; c[1].forEach(function (args) {" +
            "  try { var r = f.apply(undefined, args); out.push(c[0] + ' ' + (typeof r) + ' ' + (Object.is(r, -0) ? '-0' : JSON.stringify(r))); }" +
            "  catch (e) { out.push(c[0] + ' ' + e.name + ': ' + e.message); } }); });" +
            "out.join('\\n')";

        var native = Run(script, nativeHelpers: true);
        var library = Run(script, nativeHelpers: false);

        Assert.Equal(helpers.Sum(h => h.Calls.Count()), library.Length);
        Assert.Contains(library, line => line.Contains("Error: ", StringComparison.Ordinal));
        for (var i = 0; i < library.Length; i++)
        {
            Assert.Equal(library[i], native[i]);
        }
    }

    private static string[] Run(string script, bool nativeHelpers)
    {
        using var sandbox = new Sandbox(o =>
        {
            o.Shortcuts = nativeHelpers;
            o.MaxStatements = 200_000_000;
            o.TimeoutMs = 300_000;
            o.MemoryLimitBytes = 8L << 30;
        });
        return sandbox.Eval(script)!.GetValue<string>().Split('\n');
    }
}
