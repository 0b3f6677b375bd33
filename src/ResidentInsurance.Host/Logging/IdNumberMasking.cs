using System.Text.RegularExpressions;

namespace ResidentInsurance.Host.Logging;

/// <summary>
/// Resident ID numbers (18 characters, GB 11643) inside any text keep their first 6 and last 4 characters:
/// 520102198503150016 → 520102********0016. Applied to every log line the host writes.
/// </summary>
internal static partial class IdNumberMasking
{
    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    public static string Mask(string text) => IdNumber().Replace(text, "$1********$2");
}
