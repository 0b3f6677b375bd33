using System.Globalization;
using Jint.Runtime;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// Jint's clock and local time zone: <c>new Date()</c> and <c>Date.now()</c> read the injected clock, and
/// local time is the given zone (Asia/Shanghai) whatever the machine runs on.
/// </summary>
internal sealed class ClockTimeSystem(TimeProvider clock, TimeZoneInfo zone)
    : DefaultTimeSystem(zone, CultureInfo.InvariantCulture)
{
    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();
}
