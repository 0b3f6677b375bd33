using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Engine.Tests.Support;

namespace ResidentInsurance.Engine.Tests.Definitions;

public sealed class LoaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-workflows-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Definition = """
        {
          "definitionId": "demo-enrollment",
          "name": "参保登记",
          "root": { "id": "flow", "type": "Elsa.Flowchart", "activities": [
            { "id": "price", "type": "ResidentInsurance.EvaluatePolicy", "policy": { "typeName": "String", "expression": { "type": "Literal", "value": "price" } } }
          ], "connections": [] }
        }
        """;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private EngineHarness Engine() => new(services => services.AddSingleton<IPolicyResources>(new DirectoryPolicyResources(_root)));

    private static WorkflowDirectoryLoader Loader(EngineHarness engine) => engine.Services.GetRequiredService<WorkflowDirectoryLoader>();

    private void WriteBaseline()
    {
        Write("demo/enrollment.json", Definition);
        Write("policies/price.js", "return { amountDueFen: params.personalStandardFen };");
        Write("regions/demo.json", """{ "kind": "region", "code": "demo", "personalStandardFen": 28000 }""");
        Write("demo/cases/in-period.json", """{ "region": "demo", "benefitYear": 2021, "action": "enroll" }""");
    }

    [Fact]
    public async Task Loads_definitions_by_region_folder_and_leaves_region_case_and_policy_files_alone()
    {
        WriteBaseline();
        using var engine = Engine();

        var report = await Loader(engine).LoadAsync(_root);

        var imported = Assert.Single(report.Imported);
        Assert.Equal(("demo/enrollment.json", "demo-enrollment", 1), (imported.Path, imported.DefinitionId, imported.Version));
        Assert.Empty(report.Failed);
        var version = (await engine.Definitions.GetAsync("demo-enrollment", VersionOptions.Published))!;
        Assert.Equal("demo", version.TenantId);
        Assert.Equal(("file", "demo/enrollment.json"), (version.Provenance.Kind, version.Provenance.FilePath));
        Assert.True(version.Pins.Scripts.ContainsKey("price"));
        Assert.NotNull(version.Pins.ParametersHash);
    }

    [Fact]
    public async Task An_unchanged_file_makes_no_new_version_and_a_changed_one_does()
    {
        WriteBaseline();
        using var engine = Engine();
        await Loader(engine).LoadAsync(_root);

        var second = await Loader(engine).LoadAsync(_root);
        Assert.Equal(["demo/enrollment.json"], second.Unchanged);

        Write("demo/enrollment.json", Definition.Replace("参保登记", "参保登记与缴费"));
        var third = await Loader(engine).LoadAsync(_root);
        Assert.Equal(2, Assert.Single(third.Imported).Version);

        Write("regions/demo.json", """{ "kind": "region", "code": "demo", "personalStandardFen": 32000 }""");
        var fourth = await Loader(engine).LoadAsync(_root);
        Assert.Equal(3, Assert.Single(fourth.Imported).Version);
    }

    [Fact]
    public async Task A_version_published_in_the_designer_survives_a_restart_with_the_same_files()
    {
        WriteBaseline();
        using var engine = Engine();
        await Loader(engine).LoadAsync(_root);
        var edited = WorkflowJson.ParseDefinition(Definition.Replace("参保登记", "设计器修改"));
        edited.TenantId = "demo";
        await engine.Definitions.SaveAndPublishAsync(edited, new Provenance(Provenance.Designer, "demo-admin", EngineHarness.Start));

        var restart = await Loader(engine).LoadAsync(_root);

        Assert.Empty(restart.Imported);
        var published = (await engine.Definitions.GetAsync("demo-enrollment", VersionOptions.Published))!;
        Assert.Equal((2, "设计器修改"), (published.Version, published.Name));
    }

    [Fact]
    public async Task A_broken_file_is_reported_with_its_problems_and_the_others_still_load()
    {
        WriteBaseline();
        Write("demo/broken.json", "{ \"definitionId\": \"demo-broken\", \"root\": ");
        Write("demo/unknown.json", Definition.Replace("demo-enrollment", "demo-unknown").Replace("ResidentInsurance.EvaluatePolicy", "Acme.Nope"));
        using var engine = Engine();

        var report = await Loader(engine).LoadAsync(_root);

        Assert.Single(report.Imported);
        Assert.Equal(["demo/broken.json", "demo/unknown.json"], report.Failed.Select(f => f.Path));
        Assert.Contains(report.Failed[0].Problems, p => p.Contains("malformed JSON"));
        Assert.Contains(report.Failed[1].Problems, p => p.Contains("Acme.Nope") && p.Contains("'price'"));
    }
}
