using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResidentInsurance.Engine;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Persistence;
using ResidentInsurance.Policy;
using ResidentInsurance.Simulation;

namespace ResidentInsurance.Cli;

/// <summary>
/// <c>simulate --file case.json|-</c>: the policy simulation contract on the command line. Runs on the
/// host's database when it exists (so it sees what the designer published), else on <c>workflows/</c>
/// loaded in memory. Writes nothing either way.
/// </summary>
internal static class SimulateCommand
{
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, PlatformOptions platform)
    {
        if (args.Length != 2 || args[0] != "--file")
        {
            await stderr.WriteLineAsync("usage: simulate --file case.json   (or --file - to read standard input)");
            return CliApp.BadInput;
        }

        string text;
        try
        {
            text = args[1] == "-" ? await stdin.ReadToEndAsync() : await File.ReadAllTextAsync(args[1]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"--file: cannot read '{args[1]}': {ex.Message}");
            return CliApp.BadInput;
        }

        IReadOnlyList<JsonObject> cases;
        bool isArray;
        try
        {
            (cases, isArray) = CaseReader.Read(text);
        }
        catch (CaseValidationException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            return CliApp.BadInput;
        }

        await using var services = await ComposeAsync(platform, stderr);
        var simulator = services.GetRequiredService<PolicySimulator>();
        var results = new JsonArray();
        for (var i = 0; i < cases.Count; i++)
        {
            try
            {
                results.Add(await simulator.SimulateAsync(cases[i]));
            }
            catch (UnknownRegionException ex)
            {
                await stderr.WriteLineAsync(isArray ? $"[{i}].{ex.Message}" : ex.Message);
                return CliApp.BadInput;
            }
            catch (NoPublishedDefinitionException ex)
            {
                await stderr.WriteLineAsync(isArray ? $"[{i}]: {ex.Message}" : ex.Message);
                return CliApp.NoDefinition;
            }
            catch (SimulationFailedException ex)
            {
                await stderr.WriteLineAsync(isArray ? $"[{i}]: {ex.Message}" : ex.Message);
                return CliApp.Failure;
            }
        }

        await stdout.WriteLineAsync((isArray ? results : results[0]!).ToJsonString(SimulationJson.Options));
        return CliApp.Ok;
    }

    private static async Task<ServiceProvider> ComposeAsync(PlatformOptions platform, TextWriter stderr)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new StderrLoggerProvider(stderr)));
        var useDatabase = File.Exists(platform.DatabasePath);
        if (useDatabase)
        {
            services.AddResidentInsurancePersistence(o => o.ConnectionString = $"Data Source={platform.DatabasePath}");
        }

        services.AddResidentInsurancePolicy();
        services.AddResidentInsuranceEngine(o =>
        {
            o.RunBackgroundServices = false;
            o.WorkflowsDirectory = platform.WorkflowsDirectory;
        });
        services.AddSingleton<PolicySimulator>();
        var provider = services.BuildServiceProvider();
        if (!useDatabase && platform.WorkflowsDirectory is not null)
        {
            await provider.GetRequiredService<WorkflowDirectoryLoader>().LoadAsync(platform.WorkflowsDirectory);
        }

        return provider;
    }
}
