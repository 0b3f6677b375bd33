using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests;

public sealed class PolicyServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_one_evaluator_on_the_registered_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 3, 31, 16, 30, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddResidentInsurancePolicy();
        using var provider = services.BuildServiceProvider();

        var evaluator = provider.GetRequiredService<IScriptEvaluator>();

        Assert.IsType<JintScriptEvaluator>(evaluator);
        Assert.Same(evaluator, provider.GetRequiredService<IScriptEvaluator>());
        Assert.Equal("2021-04-01", evaluator.Evaluate(Sandbox.Request("today()"))!.GetValue<string>());
    }

    [Fact]
    public void Without_a_registered_clock_the_system_clock_is_used()
    {
        var services = new ServiceCollection();
        services.AddResidentInsurancePolicy();
        using var provider = services.BuildServiceProvider();

        var now = provider.GetRequiredService<IScriptEvaluator>().Evaluate(Sandbox.Request("Date.now()"))!.GetValue<long>();

        Assert.InRange(now, TimeProvider.System.GetUtcNow().AddMinutes(-1).ToUnixTimeMilliseconds(), TimeProvider.System.GetUtcNow().AddMinutes(1).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Limits_are_bound_from_the_policy_scripting_section_then_from_code()
    {
        var configuration = new DictionaryConfiguration(new Dictionary<string, string?>
        {
            ["Policy:Scripting:TimeoutMs"] = "500",
            ["Policy:Scripting:MaxStatements"] = "12345",
            ["Policy:Scripting:MemoryLimitBytes"] = "8388608",
            ["Policy:Scripting:MaxRecursionDepth"] = "64",
            ["Policy:Scripting:PoolSize"] = "3",
        });
        var services = new ServiceCollection();
        services.AddResidentInsurancePolicy(configuration, o => o.PreparedScriptCacheSize = 7);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ScriptingOptions>>().Value;

        Assert.Equal((500, 12345, 8388608L, 64, 3, 7), (options.TimeoutMs, options.MaxStatements, options.MemoryLimitBytes, options.MaxRecursionDepth, options.PoolSize, options.PreparedScriptCacheSize));
        var failure = Assert.Throws<ScriptFailureException>(() => provider.GetRequiredService<IScriptEvaluator>().Evaluate(Sandbox.Request("while (true) {}")));
        Assert.Equal(ScriptFailureKind.StatementLimit, failure.Kind);
        Assert.Contains("12345", failure.Detail);
    }

    [Fact]
    public void Defaults_apply_without_configuration()
    {
        var services = new ServiceCollection();
        services.AddResidentInsurancePolicy();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ScriptingOptions>>().Value;

        Assert.Equal((2000, 1_000_000, 64L * 1024 * 1024, 256), (options.TimeoutMs, options.MaxStatements, options.MemoryLimitBytes, options.MaxRecursionDepth));
    }

    [Fact]
    public void A_limit_that_is_not_a_number_fails_loudly()
    {
        var configuration = new DictionaryConfiguration(new Dictionary<string, string?> { ["Policy:Scripting:TimeoutMs"] = "2s" });
        var services = new ServiceCollection();
        services.AddResidentInsurancePolicy(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<ScriptingOptions>>().Value);

        Assert.Contains("Policy:Scripting:TimeoutMs", error.Message);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    [InlineData("True", true)]
    public void The_shortcuts_are_on_unless_configured_off(string? text, bool expected)
    {
        var configuration = new DictionaryConfiguration(new Dictionary<string, string?> { ["Policy:Scripting:Shortcuts"] = text });
        var services = new ServiceCollection();
        services.AddResidentInsurancePolicy(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(expected, provider.GetRequiredService<IOptions<ScriptingOptions>>().Value.Shortcuts);
    }

    [Fact]
    public void A_switch_that_is_not_true_or_false_fails_loudly()
    {
        var configuration = new DictionaryConfiguration(new Dictionary<string, string?> { ["Policy:Scripting:Shortcuts"] = "yes" });
        var services = new ServiceCollection();
        services.AddResidentInsurancePolicy(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<ScriptingOptions>>().Value);

        Assert.Equal("Policy:Scripting:Shortcuts must be true or false, not 'yes'", error.Message);
    }

    [Fact]
    public void A_limit_that_cannot_work_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JintScriptEvaluator(new ScriptingOptions { MaxStatements = 0 }, TimeProvider.System));
    }
}
