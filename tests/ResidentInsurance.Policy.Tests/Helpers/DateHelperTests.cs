using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Helpers;

public sealed class DateHelperTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Theory]
    [InlineData("parseDate('2021-02-28')", "\"2021-02-28\"")]
    [InlineData("parseDate('2020-02-29')", "\"2020-02-29\"")]
    [InlineData("parseDate('2000-02-29')", "\"2000-02-29\"")]
    [InlineData("isDate('2021-02-30')", "false")]
    [InlineData("isDate('2021-12-31')", "true")]
    [InlineData("isDate(null)", "false")]
    public void ParseDate_accepts_real_dates(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("parseDate('2021-02-30')", "'2021-02-30' is not a date")]
    [InlineData("parseDate('1900-02-29')", "'1900-02-29' is not a date")]
    [InlineData("parseDate('2021-04-31')", "'2021-04-31' is not a date")]
    [InlineData("parseDate('2021-13-01')", "'2021-13-01' is not a date")]
    [InlineData("parseDate('0000-01-01')", "'0000-01-01' is not a date")]
    [InlineData("parseDate('2021-2-3')", "not a date in the form YYYY-MM-DD")]
    [InlineData("parseDate('2021-02-03T00:00:00Z')", "not a date in the form YYYY-MM-DD")]
    [InlineData("parseDate(20210203)", "expected a date string YYYY-MM-DD, got 20210203")]
    [InlineData("addDays('2021-02-30', 1)", "addDays: '2021-02-30' is not a date")]
    [InlineData("addDays('2021-01-01', 1.5)", "the number of days must be an integer")]
    [InlineData("addMonths('2021-01-01', '1')", "the number of months must be an integer")]
    [InlineData("ageAt('2021-01-01', '2020-12-31')", "2020-12-31 is before the birth date 2021-01-01")]
    [InlineData("addDays('9999-12-31', 1)", "outside the years 0001–9999")]
    [InlineData("addMonths('0001-01-15', -1)", "outside the years 0001–9999")]
    public void Dates_that_are_not_dates_are_refused(string script, string message)
    {
        var failure = _sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Contains(message, failure.Detail);
    }

    [Theory]
    // Civil Code (Art. 201): a period counted in days starts the day after the event, so the 90th day is addDays(d, 90).
    [InlineData("addDays('2021-01-01', 90)", "\"2021-04-01\"")]
    [InlineData("addDays('2021-03-01', -1)", "\"2021-02-28\"")]
    [InlineData("addDays('2024-02-28', 1)", "\"2024-02-29\"")]
    [InlineData("addDays('2020-12-31', 1)", "\"2021-01-01\"")]
    [InlineData("addDays('2021-04-01', 0)", "\"2021-04-01\"")]
    [InlineData("addDays('1969-12-31', 1)", "\"1970-01-01\"")]
    [InlineData("addDays('0099-03-01', -1)", "\"0099-02-28\"")]
    public void AddDays(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("addMonths('2021-01-31', 1)", "\"2021-02-28\"")]
    [InlineData("addMonths('2024-01-31', 1)", "\"2024-02-29\"")]
    [InlineData("addMonths('2021-03-31', -1)", "\"2021-02-28\"")]
    [InlineData("addMonths('2021-05-31', 1)", "\"2021-06-30\"")]
    [InlineData("addMonths('2021-12-15', 1)", "\"2022-01-15\"")]
    [InlineData("addMonths('2021-01-15', -13)", "\"2019-12-15\"")]
    [InlineData("addMonths('2024-02-29', 12)", "\"2025-02-28\"")]
    [InlineData("addMonths('2021-06-30', 0)", "\"2021-06-30\"")]
    public void AddMonths_counts_calendar_months_and_clamps_to_the_month_end(string script, string expected) =>
        Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("firstOfMonth('2021-02-17')", "\"2021-02-01\"")]
    [InlineData("firstOfNextMonth('2021-02-17')", "\"2021-03-01\"")]
    [InlineData("firstOfNextMonth('2021-12-15')", "\"2022-01-01\"")]
    [InlineData("lastOfMonth('2024-02-10')", "\"2024-02-29\"")]
    [InlineData("lastOfMonth('2023-02-10')", "\"2023-02-28\"")]
    [InlineData("lastOfMonth('2021-04-03')", "\"2021-04-30\"")]
    [InlineData("lastOfMonth('2021-12-01')", "\"2021-12-31\"")]
    public void Month_boundaries(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("daysBetween('2021-01-01', '2021-04-01')", "90")]
    [InlineData("daysBetween('2021-04-01', '2021-01-01')", "-90")]
    [InlineData("daysBetween('2020-01-01', '2021-01-01')", "366")]
    [InlineData("daysBetween('2021-01-01', '2022-01-01')", "365")]
    [InlineData("daysBetween('2021-03-31', '2021-03-31')", "0")]
    [InlineData("daysBetween('1900-01-01', '2000-01-01')", "36524")]
    public void DaysBetween_is_b_minus_a(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("inRange('2021-01-01', '2021-01-01', '2021-03-31')", "true")]
    [InlineData("inRange('2021-03-31', '2021-01-01', '2021-03-31')", "true")]
    [InlineData("inRange('2020-12-31', '2021-01-01', '2021-03-31')", "false")]
    [InlineData("inRange('2021-04-01', '2021-01-01', '2021-03-31')", "false")]
    [InlineData("inRange('1900-01-01', null, '2021-03-31')", "true")]
    [InlineData("inRange('2099-01-01', '2021-01-01', null)", "true")]
    [InlineData("inRange('2099-01-01', '2021-01-01')", "true")]
    [InlineData("inRange('2021-01-01', null, null)", "true")]
    public void InRange_includes_both_ends_and_null_is_open(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("compareDates('2021-01-01', '2021-01-02')", "-1")]
    [InlineData("compareDates('2021-01-02', '2021-01-01')", "1")]
    [InlineData("compareDates('2021-01-01', '2021-01-01')", "0")]
    [InlineData("minDate('2021-03-01', '2021-01-15', '2021-02-01')", "\"2021-01-15\"")]
    [InlineData("maxDate('2021-03-01', '2021-01-15', '2021-02-01')", "\"2021-03-01\"")]
    [InlineData("minDate('2021-03-01', null, undefined)", "\"2021-03-01\"")]
    [InlineData("maxDate(null, '2021-01-15')", "\"2021-01-15\"")]
    [InlineData("minDate()", "null")]
    [InlineData("maxDate(null)", "null")]
    [InlineData("yearOf('2021-04-01')", "2021")]
    [InlineData("monthOf('2021-04-01')", "4")]
    [InlineData("monthOf('2021-12-31')", "12")]
    public void Comparisons_and_parts(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("ageAt('1985-03-15', '2021-03-14')", "35")]
    [InlineData("ageAt('1985-03-15', '2021-03-15')", "36")]
    [InlineData("ageAt('2000-02-29', '2021-02-28')", "20")]
    [InlineData("ageAt('2000-02-29', '2021-03-01')", "21")]
    [InlineData("ageAt('2000-02-29', '2024-02-29')", "24")]
    [InlineData("ageAt('2021-01-01', '2021-01-01')", "0")]
    [InlineData("ageAt('2020-12-31', '2021-01-01')", "0")]
    public void AgeAt_counts_whole_years(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Fact]
    public void Today_reads_the_injected_clock()
    {
        _sandbox.Clock.SetUtcNow(new DateTimeOffset(2021, 12, 31, 16, 0, 0, TimeSpan.Zero));

        Assert.Equal("\"2022-01-01\"", _sandbox.Json("today()"));
        Assert.Equal("[22,true]", _sandbox.Json("[ageAt('1999-06-01', today()), inRange(today(), '2022-01-01', '2022-12-31')]"));
    }

    public void Dispose() => _sandbox.Dispose();
}
