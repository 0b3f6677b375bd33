using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Definitions;

public sealed class LifecycleTests
{
    private static FlowBuilder Flow(string text) => new FlowBuilder("guizhou-enrollment", "guizhou").Activity("say", "Elsa.WriteLine", Lit("text", text));

    [Fact]
    public async Task Draft_publish_and_the_next_draft_follow_Elsa_versioning()
    {
        using var engine = new EngineHarness();
        var defs = engine.Definitions;

        var v1 = await defs.SaveDraftAsync(Flow("a").Build(), EngineHarness.ByTest);
        var v1Again = await defs.SaveDraftAsync(Flow("b").Build(), EngineHarness.ByTest);
        Assert.Equal((1, v1.Id), (v1Again.Version, v1Again.Id));
        Assert.False(v1Again.IsPublished);

        var (published, already) = await defs.PublishAsync("guizhou-enrollment", "admin");
        Assert.False(already);
        Assert.True(published.IsPublished && published.IsLatest);
        Assert.True((await defs.PublishAsync("guizhou-enrollment", "admin")).AlreadyPublished);

        var v2 = await defs.SaveDraftAsync(Flow("c").Build(), EngineHarness.ByTest);
        Assert.Equal(2, v2.Version);
        var versions = await defs.ListVersionsAsync("guizhou-enrollment");
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal([true, false], versions.Select(v => v.IsLatest));
        Assert.Equal([false, true], versions.Select(v => v.IsPublished));
        Assert.Equal(1, (await defs.GetAsync("guizhou-enrollment", VersionOptions.Published))!.Version);
        Assert.Equal(2, (await defs.GetAsync("guizhou-enrollment", VersionOptions.Latest))!.Version);
        Assert.Equal(v2.Id, (await defs.GetAsync("guizhou-enrollment", VersionOptions.Draft))!.Id);

        await defs.PublishAsync("guizhou-enrollment", "admin");
        versions = await defs.ListVersionsAsync("guizhou-enrollment");
        Assert.Equal([true, false], versions.Select(v => v.IsPublished));
        Assert.Contains("\"isPublished\": true", versions[0].Json);
        Assert.Contains("\"isPublished\": false", versions[1].Json);
    }

    [Fact]
    public async Task Retract_unpublishes_and_the_version_stays_for_its_instances()
    {
        using var engine = new EngineHarness();
        var published = await engine.PublishAsync(Flow("a").Build());

        var retracted = await engine.Definitions.RetractAsync("guizhou-enrollment");

        Assert.False(retracted.IsPublished);
        Assert.True(retracted.IsRetracted);
        Assert.NotNull(await engine.Definitions.GetByIdAsync(published.Id));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.StartAsync("guizhou-enrollment"));
    }

    [Fact]
    public async Task A_definition_belongs_to_one_region()
    {
        using var engine = new EngineHarness();
        await engine.PublishAsync(Flow("a").Build());
        var stolen = new FlowBuilder("guizhou-enrollment", "zhashui").Activity("say", "Elsa.WriteLine").Build();

        var error = await Assert.ThrowsAsync<Serialization.DefinitionValidationException>(() => engine.PublishAsync(stolen));

        Assert.Contains("belongs to region 'guizhou'", error.Message);
    }

    [Fact]
    public async Task A_publish_gate_can_refuse_and_nothing_is_published()
    {
        using var engine = new EngineHarness(services => services.AddSingleton<IPublishGate>(new RefuseAll()));

        var error = await Assert.ThrowsAsync<PublishRefusedException>(() => engine.PublishAsync(Flow("a").Build()));

        Assert.Equal(["case zhashui/refund-after-start.json fails: expected refused"], error.Problems);
        Assert.Empty(await engine.Definitions.ListVersionsAsync("guizhou-enrollment"));
    }

    [Fact]
    public async Task Provenance_and_content_hash_are_recorded()
    {
        using var engine = new EngineHarness();
        var by = new Provenance(Provenance.Designer, "guizhou-admin", EngineHarness.Start);

        var saved = await engine.Definitions.SaveDraftAsync(Flow("a").Build(), by);
        var same = DefinitionService.HashOf(Flow("a").Build());
        var other = DefinitionService.HashOf(Flow("b").Build());

        Assert.Equal(("designer", "guizhou-admin"), (saved.Provenance.Kind, saved.Provenance.By));
        Assert.Equal(same, saved.ContentHash);
        Assert.NotEqual(other, saved.ContentHash);
    }

    private sealed class RefuseAll : IPublishGate
    {
        public Task<IReadOnlyList<string>> CheckAsync(DefinitionVersion candidate, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<string>>(["case zhashui/refund-after-start.json fails: expected refused"]);
    }
}
