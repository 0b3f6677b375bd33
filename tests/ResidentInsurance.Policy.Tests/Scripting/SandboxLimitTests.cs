using System.Diagnostics;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

/// <summary>Each limit stops the script within its bound, and the same evaluator goes on working.</summary>
public sealed class SandboxLimitTests
{
    [Fact]
    public void An_infinite_loop_hits_the_statement_limit()
    {
        using var sandbox = new Sandbox(o => o.MaxStatements = 10_000);

        var failure = sandbox.Fails("while (true) {}");

        Assert.Equal(ScriptFailureKind.StatementLimit, failure.Kind);
        Assert.Contains("10000 statements", failure.Detail);
        StillWorks(sandbox);
    }

    [Fact]
    public void An_infinite_loop_with_default_limits_is_stopped_within_the_time_limit()
    {
        using var sandbox = new Sandbox();
        var watch = Stopwatch.StartNew();

        var failure = sandbox.Fails("while (true) {}");

        Assert.True(failure.Kind is ScriptFailureKind.StatementLimit or ScriptFailureKind.Timeout, failure.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(sandbox.Options.TimeoutMs + 3000), $"took {watch.Elapsed}");
        StillWorks(sandbox);
    }

    [Fact]
    public void A_slow_script_hits_the_time_limit()
    {
        using var sandbox = new Sandbox(o =>
        {
            o.TimeoutMs = 200;
            o.MaxStatements = int.MaxValue - 1;
        });
        var watch = Stopwatch.StartNew();

        var failure = sandbox.Fails("for (;;) { Math.sqrt(2); }");

        Assert.Equal(ScriptFailureKind.Timeout, failure.Kind);
        Assert.Contains("200 ms", failure.Detail);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        StillWorks(sandbox);
    }

    [Fact]
    public void The_time_limit_covers_reading_the_result_too()
    {
        using var sandbox = new Sandbox(o =>
        {
            o.TimeoutMs = 200;
            o.MaxStatements = int.MaxValue - 1;
        });

        var failure = sandbox.Fails("({ toJSON() { for (;;) {} } })");

        Assert.Equal(ScriptFailureKind.Timeout, failure.Kind);
        StillWorks(sandbox);
    }

    [Fact]
    public void A_runaway_regular_expression_is_stopped_within_the_time_limit()
    {
        using var sandbox = new Sandbox(o => o.TimeoutMs = 300);
        var watch = Stopwatch.StartNew();

        var failure = sandbox.Fails("/(a+)+$/.test('a'.repeat(40) + 'b')");

        Assert.Equal(ScriptFailureKind.Timeout, failure.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        StillWorks(sandbox);
    }

    [Theory]
    [InlineData("var s = 'x'; while (true) { s = s + s; }")]
    [InlineData("var keep = []; while (true) { keep.push(new Array(10000).fill(1)); }")]
    public void A_memory_bomb_hits_the_memory_limit(string script)
    {
        using var sandbox = new Sandbox(o =>
        {
            o.MemoryLimitBytes = 16 * 1024 * 1024;
            o.MaxStatements = int.MaxValue - 1;
            o.TimeoutMs = 20_000;
        });

        var failure = sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.MemoryLimit, failure.Kind);
        Assert.Contains("16777216 bytes", failure.Detail);
        StillWorks(sandbox);
    }

    [Theory]
    [InlineData("function f(n) { return f(n + 1); }\nreturn f(0);")]
    [InlineData("function even(n) { return n === 0 || odd(n - 1); }\nfunction odd(n) { return n !== 0 && even(n - 1); }\nreturn even(100000);")]
    [InlineData("var o = { get x() { return this.x; } };\nreturn o.x;")]
    public void Deep_recursion_hits_the_recursion_limit(string script)
    {
        using var sandbox = new Sandbox();

        var failure = sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.RecursionLimit, failure.Kind);
        StillWorks(sandbox);
    }

    [Fact]
    public void Recursion_within_the_limit_is_fine()
    {
        using var sandbox = new Sandbox(o => o.MaxRecursionDepth = 256);

        Assert.Equal("5050", sandbox.Json("function sum(n) { return n === 0 ? 0 : n + sum(n - 1); }\nreturn sum(100);"));
    }

    [Fact]
    public void Cancelling_stops_a_running_script()
    {
        using var sandbox = new Sandbox(o =>
        {
            o.TimeoutMs = 60_000;
            o.MaxStatements = int.MaxValue - 1;
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();

        var failure = sandbox.Fails("while (true) {}", cancellationToken: cancel.Token);

        Assert.Equal(ScriptFailureKind.Cancelled, failure.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        StillWorks(sandbox);
    }

    [Fact]
    public void A_cancelled_token_stops_the_evaluation_before_it_starts()
    {
        using var sandbox = new Sandbox();

        var failure = sandbox.Fails("1 + 1", cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal(ScriptFailureKind.Cancelled, failure.Kind);
        StillWorks(sandbox);
    }

    [Fact]
    public void A_token_from_an_earlier_call_does_not_cancel_a_later_one()
    {
        using var sandbox = new Sandbox(o => o.PoolSize = 1);
        using var cancel = new CancellationTokenSource();
        sandbox.Eval("1", cancellationToken: cancel.Token);
        cancel.Cancel();

        Assert.Equal("2", sandbox.Json("1 + 1"));
    }

    [Fact]
    public void Limits_apply_to_every_evaluation_not_to_the_evaluator_as_a_whole()
    {
        using var sandbox = new Sandbox(o =>
        {
            o.MaxStatements = 5_000;
            o.PoolSize = 1;
        });

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("1000", sandbox.Json("var n = 0; for (var i = 0; i < 1000; i++) { n++; } return n;"));
        }
    }

    private static void StillWorks(Sandbox sandbox)
    {
        Assert.Equal("2", sandbox.Json("1 + 1"));
        Assert.Equal("\"2021-04-01\"", sandbox.Json("addDays('2021-01-01', 90)"));
    }
}
