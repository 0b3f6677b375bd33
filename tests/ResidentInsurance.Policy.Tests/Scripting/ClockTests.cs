using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

/// <summary>Scripts read the injected clock, with Asia/Shanghai as local time (the machines run UTC).</summary>
public sealed class ClockTests : IDisposable
{
    private readonly Sandbox _sandbox = new(o => o.PoolSize = 1);

    [Fact]
    public void New_date_and_date_now_follow_the_injected_clock()
    {
        _sandbox.Clock.SetUtcNow(new DateTimeOffset(2021, 3, 31, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal("\"2021-03-31T16:30:00.000Z\"", _sandbox.Json("new Date().toISOString()"));
        Assert.Equal("1617208200000", _sandbox.Json("Date.now()"));

        _sandbox.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal("\"2021-04-01T16:30:00.000Z\"", _sandbox.Json("new Date().toISOString()"));
    }

    [Fact]
    public void Local_time_is_shanghai_time()
    {
        _sandbox.Clock.SetUtcNow(new DateTimeOffset(2021, 3, 31, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal("[2021,3,1,0,30,-480]", _sandbox.Json("var d = new Date(); return [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getTimezoneOffset()];"));
        Assert.Equal("\"2021-03-31T16:00:00.000Z\"", _sandbox.Json("new Date(2021, 3, 1).toISOString()"));
    }

    [Fact]
    public void Temporal_follows_the_injected_clock_and_shanghai_too()
    {
        _sandbox.Clock.SetUtcNow(new DateTimeOffset(2021, 3, 31, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(
            "[\"2021-03-31T16:30:00Z\",\"2021-04-01\",\"Asia/Shanghai\"]",
            _sandbox.Json("[Temporal.Now.instant().toString(), Temporal.Now.plainDateISO().toString(), Temporal.Now.timeZoneId()]"));
    }

    [Fact]
    public void Today_is_the_date_in_shanghai()
    {
        _sandbox.Clock.SetUtcNow(new DateTimeOffset(2021, 3, 31, 15, 59, 59, TimeSpan.Zero));
        Assert.Equal("\"2021-03-31\"", _sandbox.Json("today()"));

        _sandbox.Clock.SetUtcNow(new DateTimeOffset(2021, 3, 31, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal("\"2021-04-01\"", _sandbox.Json("today()"));
    }

    public void Dispose() => _sandbox.Dispose();
}
