using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

public sealed class ConcurrencyTests
{
    [Fact]
    public void Parallel_evaluations_with_distinct_inputs_give_distinct_correct_results()
    {
        using var sandbox = new Sandbox();
        const string Script = """
            var seen = typeof previous === 'undefined' ? 'clean' : 'leaked';
            globalThis.previous = input.n;
            var fee = percentOfFen(input.n * 100, 6000);
            return { n: input.n, fee: fee, counter: getCounter(), date: addDays('2021-01-01', input.n), seen: seen };
            """;
        var results = new ConcurrentDictionary<int, JsonNode?>();

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            results[i] = sandbox.Eval(Script, new { input = new { n = i } }, new() { ["counter"] = i * 10 });
        });

        Assert.Equal(200, results.Count);
        for (var i = 0; i < 200; i++)
        {
            var result = results[i]!;
            Assert.Equal(i, result["n"]!.GetValue<int>());
            Assert.Equal(i * 60, result["fee"]!.GetValue<int>());
            Assert.Equal(i * 10, result["counter"]!.GetValue<int>());
            Assert.Equal(DateOnly.Parse("2021-01-01", System.Globalization.CultureInfo.InvariantCulture).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), result["date"]!.GetValue<string>());
            Assert.Equal("clean", result["seen"]!.GetValue<string>());
        }

        Assert.InRange(sandbox.Evaluator.IdleEngineCount, 1, sandbox.Options.PoolSize);
    }

    [Fact]
    public void Parallel_failures_do_not_disturb_parallel_successes()
    {
        using var sandbox = new Sandbox(o => o.MaxStatements = 20_000);
        var outcomes = new ConcurrentBag<bool>();

        Parallel.For(0, 60, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            if (i % 3 == 0)
            {
                Assert.Throws<ResidentInsurance.Engine.Scripting.ScriptFailureException>(() => sandbox.Eval("while (true) {}"));
                outcomes.Add(false);
            }
            else
            {
                Assert.Equal((i * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), sandbox.Json("input * 2", new { input = i }));
                outcomes.Add(true);
            }
        });

        Assert.Equal(40, outcomes.Count(o => o));
    }
}
