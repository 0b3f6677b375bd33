using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

/// <summary>Scripts cannot reach the host: the names that would do it do not exist.</summary>
public sealed class HostAccessTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "System")]
    [InlineData("importNamespace('System.IO')", "importNamespace")]
    [InlineData("var File = importNamespace('System.IO').File;\nreturn File.Exists('/etc/passwd');", "importNamespace")]
    [InlineData("clrHelper.typeOf(1)", "clrHelper")]
    [InlineData("new System.Object()", "System")]
    [InlineData("Microsoft.Win32.Registry", "Microsoft")]
    [InlineData("require('fs').readFileSync('/etc/passwd')", "require")]
    [InlineData("process.env", "process")]
    public void Reaching_for_the_host_is_forbidden_access(string script, string name)
    {
        var failure = _sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.ForbiddenAccess, failure.Kind);
        Assert.Contains($"'{name}'", failure.Detail);
        Assert.Equal("2", _sandbox.Json("1 + 1"));
    }

    [Fact]
    public void Host_names_are_simply_undefined()
    {
        Assert.Equal(
            "[\"undefined\",\"undefined\",\"undefined\",\"undefined\"]",
            _sandbox.Json("[typeof System, typeof importNamespace, typeof clrHelper, typeof globalThis.System]"));
    }

    [Theory]
    [InlineData("ArrayBuffer")]
    [InlineData("SharedArrayBuffer")]
    [InlineData("Uint8Array")]
    [InlineData("DataView")]
    [InlineData("Atomics")]
    [InlineData("WeakRef")]
    [InlineData("FinalizationRegistry")]
    [InlineData("ShadowRealm")]
    public void Built_ins_that_weaken_the_sandbox_are_not_there(string name)
    {
        Assert.Equal("\"undefined\"", _sandbox.Json($"typeof {name}"));
    }

    [Fact]
    public void Values_have_no_CLR_members()
    {
        var failure = _sandbox.Fails("input.GetType()", new { input = new { a = 1 } });

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Equal("\"undefined\"", _sandbox.Json("typeof ''.GetType"));
    }

    [Theory]
    [InlineData("eval('1 + 1')")]
    [InlineData("new Function('return 1')()")]
    [InlineData("(0, eval)('1')")]
    [InlineData("(() => {}).constructor('return globalThis')()")]
    public void Code_from_strings_is_refused(string script)
    {
        var failure = _sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Contains("String compilation", failure.Detail);
    }

    [Fact]
    public void Other_undefined_names_are_runtime_errors()
    {
        var failure = _sandbox.Fails("notDeclared + 1");

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Contains("ReferenceError: notDeclared is not defined", failure.Detail);
    }

    public void Dispose() => _sandbox.Dispose();
}
