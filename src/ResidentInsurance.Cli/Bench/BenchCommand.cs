using System.Globalization;

namespace ResidentInsurance.Cli.Bench;

/// <summary><c>bench season …</c> (see <see cref="SeasonBench"/>).</summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, PlatformOptions platform)
    {
        if (args.Length > 0 && args[0] == "campaign")
        {
            return await CampaignAsync(args, stdout, stderr, platform);
        }

        if (args.Length > 0 && args[0] == "simulate")
        {
            return await SimulateAsync(args, stdout, stderr, platform);
        }

        if (args.Length > 0 && args[0] == "inbox")
        {
            return await InboxAsync(args, stdout, stderr, platform);
        }

        if (args.Length == 0 || args[0] != "season")
        {
            await stderr.WriteLineAsync("usage: bench season --region zhashui --people N [--db file.db] [--workers W]\n       bench campaign --region pubei --people N [--db file.db] [--questions Q]\n       bench simulate --region guizhou --cases N [--workers W]\n       bench inbox [--tasks K] [--season-workers W] [--warmup M]");
            return CliApp.BadInput;
        }

        var people = 10_000;
        string? database = null;
        var workers = Environment.ProcessorCount * 4;
        for (var i = 1; i + 1 < args.Length + 1; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--region" when value == "zhashui":
                    break;
                case "--region":
                    await stderr.WriteLineAsync($"--region: only zhashui has a synthetic population (document 003's identity mix), not '{value}'");
                    return CliApp.BadInput;
                case "--people" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    people = n;
                    break;
                case "--workers" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0:
                    workers = w;
                    break;
                case "--db" when value is not null:
                    database = value;
                    break;
                default:
                    await stderr.WriteLineAsync($"bench season: bad argument '{args[i]} {value}'");
                    return CliApp.BadInput;
            }
        }

        if (platform.WorkflowsDirectory is null)
        {
            await stderr.WriteLineAsync("bench season: the workflows/ folder was not found (set RI_WORKFLOWS)");
            return CliApp.BadInput;
        }

        database ??= Path.Combine(Path.GetTempPath(), $"ri-bench-{Guid.NewGuid():N}.db");
        if (File.Exists(database))
        {
            await stderr.WriteLineAsync($"--db: {database} exists; the bench needs a fresh file");
            return CliApp.BadInput;
        }

        await stderr.WriteLineAsync($"season: {people:N0} Zhashui residents, {workers} workers, database {database}");
        var report = await SeasonBench.RunAsync(people, database, platform.WorkflowsDirectory, workers, stderr);
        await stdout.WriteLineAsync(SeasonBench.Table(report));
        return report.Correct ? CliApp.Ok : CliApp.Failure;
    }

    /// <summary><c>bench simulate …</c> (see <see cref="SimulateBench"/>).</summary>
    private static async Task<int> SimulateAsync(string[] args, TextWriter stdout, TextWriter stderr, PlatformOptions platform)
    {
        var region = "guizhou";
        var cases = 100_000;
        var workers = Environment.ProcessorCount;
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--region" when value is { Length: > 0 }:
                    region = value;
                    break;
                case "--cases" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= 100_000_000:
                    cases = n;
                    break;
                case "--workers" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w is > 0 and <= 256:
                    workers = w;
                    break;
                default:
                    await stderr.WriteLineAsync($"bench simulate: bad argument '{args[i]} {value}' (--region code, --cases 1…100,000,000, --workers 1…256)");
                    return CliApp.BadInput;
            }
        }

        if (platform.WorkflowsDirectory is null)
        {
            await stderr.WriteLineAsync("bench simulate: the workflows/ folder was not found (set RI_WORKFLOWS)");
            return CliApp.BadInput;
        }

        SimulateBench.Report report;
        try
        {
            report = await SimulateBench.RunAsync(region, cases, workers, platform.WorkflowsDirectory, stderr);
        }
        catch (ArgumentException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return CliApp.BadInput;
        }

        await stdout.WriteLineAsync(SimulateBench.Table(report));
        return report.Correct ? CliApp.Ok : CliApp.Failure;
    }

    /// <summary><c>bench inbox …</c> (see <see cref="InboxBench"/>).</summary>
    private static async Task<int> InboxAsync(string[] args, TextWriter stdout, TextWriter stderr, PlatformOptions platform)
    {
        var tasks = 200;
        var seasonWorkers = 4;
        var warmup = 20;
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--tasks" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100_000:
                    tasks = n;
                    break;
                case "--season-workers" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w is >= 0 and <= 64:
                    seasonWorkers = w;
                    break;
                case "--warmup" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 0 and <= 10_000:
                    warmup = m;
                    break;
                default:
                    await stderr.WriteLineAsync($"bench inbox: bad argument '{args[i]} {value}' (--tasks 1…100,000, --season-workers 0…64, --warmup 0…10,000)");
                    return CliApp.BadInput;
            }
        }

        if (platform.WorkflowsDirectory is null || InboxBench.FindHost(platform.WorkflowsDirectory) is not { } host)
        {
            await stderr.WriteLineAsync("bench inbox: the built host was not found (dotnet build src/ResidentInsurance.Host -c Release)");
            return CliApp.BadInput;
        }

        await stderr.WriteLineAsync($"inbox: {warmup} + {tasks} department tasks over HTTP while {seasonWorkers} workers run a Zhashui season against {host}");
        var report = await InboxBench.RunAsync(host, platform.WorkflowsDirectory, tasks, seasonWorkers, stderr, warmup);
        await stdout.WriteLineAsync(InboxBench.Table(report));
        return report.Correct ? CliApp.Ok : CliApp.Failure;
    }

    /// <summary><c>bench campaign …</c> (see <see cref="CampaignBench"/>).</summary>
    private static async Task<int> CampaignAsync(string[] args, TextWriter stdout, TextWriter stderr, PlatformOptions platform)
    {
        var people = 100_000;
        var questions = 40;
        string? database = null;
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--region" when value == "pubei":
                    break;
                case "--region":
                    await stderr.WriteLineAsync($"--region: only pubei has a campaign with town task numbers and work funding (document 001), not '{value}'");
                    return CliApp.BadInput;
                case "--people" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= 5_000_000:
                    people = n;
                    break;
                case "--questions" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q > 1:
                    questions = q;
                    break;
                case "--db" when value is not null:
                    database = value;
                    break;
                default:
                    await stderr.WriteLineAsync($"bench campaign: bad argument '{args[i]} {value}' (--people 1…5,000,000, --questions ≥ 2)");
                    return CliApp.BadInput;
            }
        }

        if (platform.WorkflowsDirectory is null)
        {
            await stderr.WriteLineAsync("bench campaign: the workflows/ folder was not found (set RI_WORKFLOWS)");
            return CliApp.BadInput;
        }

        database ??= Path.Combine(Path.GetTempPath(), $"ri-campaign-{Guid.NewGuid():N}.db");
        if (File.Exists(database))
        {
            await stderr.WriteLineAsync($"--db: {database} exists; the bench needs a fresh file");
            return CliApp.BadInput;
        }

        await stderr.WriteLineAsync($"campaign: about {people:N0} Pubei residents, {questions} dashboard questions, database {database}");
        var report = await CampaignBench.RunAsync(people, database, platform.WorkflowsDirectory, questions, stderr);
        await stdout.WriteLineAsync(CampaignBench.Table(report));
        return report.Correct ? CliApp.Ok : CliApp.Failure;
    }
}
