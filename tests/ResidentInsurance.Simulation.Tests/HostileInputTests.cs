using System.Text;
using System.Text.Json;
using CsCheck;
using ResidentInsurance.Cli;
using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Policy.Identity;
using ResidentInsurance.Tests.Shared;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>
/// Hostile input, generated (CsCheck): mutated simulation cases and workflow definitions are answered with an
/// error that names the field (or accepted when the mutation left them valid) — never an unexpected exception,
/// never a crash of the command (exit 0, 2 or 3 only).
/// </summary>
public sealed class HostileInputTests
{
    private static readonly string ValidCase = JsonSerializer.Serialize(new
    {
        region = "zhashui", benefitYear = 2024, action = "enroll", paidOn = "2023-10-10",
        person = new { idNumber = Id("1980-03-02"), name = "张三", birthDate = "1980-03-02", identities = new[] { new { code = "dibao", recognizedOn = "2023-01-01" } } },
    });

    private static string Id(string birth)
    {
        var first17 = "611026" + birth.Replace("-", "", StringComparison.Ordinal) + "012";
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    private static readonly Gen<(int At, int Kind)> Mutations = Gen.Select(Gen.Int[0, 1000], Gen.Int[0, HostileJson.Kinds - 1]);

    [Fact]
    public void A_mutated_case_is_read_or_refused_naming_the_field_never_anything_else()
    {
        var refused = 0;
        Mutations.Sample(m =>
        {
            var bytes = HostileJson.Mutate(ValidCase, m.At, m.Kind);
            var text = Encoding.UTF8.GetString(bytes);
            try
            {
                CaseReader.Read(text);
            }
            catch (CaseValidationException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Path), $"no field named for {m}");
                Assert.False(string.IsNullOrWhiteSpace(ex.Problem));
                Interlocked.Increment(ref refused);
            }
        }, iter: 1500, threads: 1);
        Assert.True(refused > 500, $"only {refused} of the mutations were refused: the generator is not hostile enough");
    }

    [Fact]
    public async Task The_simulate_command_answers_every_mutated_case_with_exit_0_2_or_3_and_names_the_field()
    {
        var platform = new PlatformOptions(PolicyCaseFiles.Workflows, Path.Combine(Path.GetTempPath(), $"ri-hostile-{Guid.NewGuid():N}.db"));
        var samples = new List<(int, int)>();
        Mutations.Sample(m => samples.Add(m), iter: 60, threads: 1);
        foreach (var m in samples)
        {
            var stderr = new StringWriter();
            var code = await CliApp.RunAsync(["simulate", "--file", "-"], new StringReader(Encoding.UTF8.GetString(HostileJson.Mutate(ValidCase, m.Item1, m.Item2))), new StringWriter(), stderr, platform);
            Assert.Contains(code, new[] { CliApp.Ok, CliApp.BadInput, CliApp.NoDefinition });
            if (code == CliApp.BadInput)
            {
                Assert.Matches(@"(\$|\[\d+\]|[a-zA-Z]+)[\w.\[\]]*:", stderr.ToString()); // "person.idNumber: …"
            }
        }
    }

    [Fact]
    public void A_mutated_workflow_definition_parses_and_validates_or_is_refused_with_its_problems_listed()
    {
        var valid = File.ReadAllText(Path.Combine(PolicyCaseFiles.Workflows, "zhashui", "enrollment.json"));
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Engine.EngineServiceCollectionExtensions.AddResidentInsuranceEngine(services, o => o.RunBackgroundServices = false);
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var validator = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DefinitionValidator>(provider);
        var problems = 0;
        Gen.Select(Gen.Int[0, 5000], Gen.Int[0, HostileJson.Kinds - 1]).Sample(m =>
        {
            try
            {
                var definition = WorkflowJson.ParseDefinition(Encoding.UTF8.GetString(HostileJson.Mutate(valid, m.Item1, m.Item2)), "mutated.json");
                if (validator.Validate(definition).Count > 0)
                {
                    Interlocked.Increment(ref problems);
                }
            }
            catch (DefinitionValidationException ex)
            {
                Assert.NotEmpty(ex.Problems);
                Interlocked.Increment(ref problems);
            }
        }, iter: 800, threads: 1);
        Assert.True(problems > 20, $"only {problems} mutations were found wrong"); // most land in script text or designer metadata, which stay valid
    }
}
