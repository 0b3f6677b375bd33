namespace ResidentInsurance.Browser.Tests;

/// <summary>
/// A test in the real Chromium that <c>.ci/test</c> installs from Debian (RI_TEST_CHROMIUM, else /usr/bin/chromium).
/// Skipped on a machine without it; fails in CI (CI=true), where it must be there. No browser is downloaded.
/// </summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ExecutablePath is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "Chromium is not installed (bash .ci/test installs Debian's chromium and sets RI_TEST_CHROMIUM)";
        }
    }

    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("RI_TEST_CHROMIUM") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
}
