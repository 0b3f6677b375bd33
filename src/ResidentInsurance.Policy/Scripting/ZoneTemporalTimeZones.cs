using System.Numerics;
using Jint.Native.Temporal;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// Jint's time zone data for Temporal, with the given zone (Asia/Shanghai) as the default, so
/// <c>Temporal.Now.plainDateISO()</c> agrees with <c>new Date()</c> and <c>today()</c> whatever zone the
/// machine runs in. Everything else is Jint's own provider.
/// </summary>
internal sealed class ZoneTemporalTimeZones(string defaultZone) : ITimeZoneProvider
{
    private readonly DefaultTimeZoneProvider _inner = DefaultTimeZoneProvider.Instance;

    public string GetDefaultTimeZone() => defaultZone;

    public long GetOffsetNanosecondsFor(string timeZone, BigInteger epochNanoseconds) => _inner.GetOffsetNanosecondsFor(timeZone, epochNanoseconds);

    public BigInteger[] GetPossibleInstantsFor(string timeZone, int year, int month, int day, int hour, int minute, int second, int millisecond, int microsecond, int nanosecond) =>
        _inner.GetPossibleInstantsFor(timeZone, year, month, day, hour, minute, second, millisecond, microsecond, nanosecond);

    public BigInteger? GetNextTransition(string timeZone, BigInteger epochNanoseconds) => _inner.GetNextTransition(timeZone, epochNanoseconds);

    public BigInteger? GetPreviousTransition(string timeZone, BigInteger epochNanoseconds) => _inner.GetPreviousTransition(timeZone, epochNanoseconds);

    public bool IsValidTimeZone(string timeZone) => _inner.IsValidTimeZone(timeZone);

    public string? CanonicalizeTimeZone(string timeZone) => _inner.CanonicalizeTimeZone(timeZone);

    public IReadOnlyCollection<string> GetAvailableTimeZones() => _inner.GetAvailableTimeZones();

    public string? GetPrimaryTimeZoneIdentifier(string timeZone) => _inner.GetPrimaryTimeZoneIdentifier(timeZone);
}
