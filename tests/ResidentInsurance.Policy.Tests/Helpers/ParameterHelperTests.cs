using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Helpers;

public sealed class ParameterHelperTests : IDisposable
{
    private static readonly JsonObject Globals = new()
    {
        ["params"] = JsonNode.Parse("""
            {
              "latePrice": 830,
              "zero": 0,
              "empty": "",
              "unset": null,
              "subsidies": { "dibao": { "amountFen": 28000 }, "tekun": { "amountFen": null } },
              "years": { "2021": { "personalStandardFen": 28000 } },
              "bands": [ { "fromAge": 0 }, { "fromAge": 60 } ]
            }
            """),
    };

    private readonly Sandbox _sandbox = new();

    [Theory]
    [InlineData("requireParam('latePrice')", "830")]
    [InlineData("requireParam('zero')", "0")]
    [InlineData("requireParam('empty')", "\"\"")]
    [InlineData("requireParam('subsidies/dibao/amountFen')", "28000")]
    [InlineData("requireParam('subsidies.dibao.amountFen')", "28000")]
    [InlineData("requireParam('subsidies/dibao.amountFen')", "28000")]
    [InlineData("requireParam('years/2021/personalStandardFen')", "28000")]
    [InlineData("requireParam('bands/1/fromAge')", "60")]
    [InlineData("requireParam('subsidies/dibao')", "{\"amountFen\":28000}")]
    [InlineData("paramOr('latePrice', 1)", "830")]
    [InlineData("paramOr('zero', 1)", "0")]
    [InlineData("paramOr('unset', 1)", "1")]
    [InlineData("paramOr('nothing/here', 'fallback')", "\"fallback\"")]
    [InlineData("paramOr('subsidies/tekun/amountFen', null)", "null")]
    public void Parameters_are_read_by_path(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script, Globals));

    [Theory]
    [InlineData("unset")]
    [InlineData("absent")]
    [InlineData("subsidies/tekun/amountFen")]
    [InlineData("subsidies/yufu/amountFen")]
    [InlineData("latePrice/deeper")]
    [InlineData("constructor")]
    [InlineData("subsidies/dibao/toString")]
    public void An_unset_parameter_throws_a_missing_parameter_error_naming_it(string path)
    {
        Assert.Equal(
            $"[true,\"MissingParameterError\",\"{path}\",\"parameter '{path}' has no value\",true]",
            _sandbox.Json($"try {{ requireParam('{path}'); return 'no error'; }} catch (e) {{ return [e instanceof MissingParameterError, e.name, e.parameter, e.message, e instanceof Error]; }}", Globals));
    }

    [Fact]
    public void Without_params_every_parameter_is_missing()
    {
        var failure = _sandbox.Fails("requireParam('latePrice')");

        Assert.Equal(ScriptFailureKind.ParameterMissing, failure.Kind);
        Assert.Equal("latePrice", failure.Parameter);
        Assert.Equal("5", _sandbox.Json("paramOr('latePrice', 5)"));
    }

    [Theory]
    [InlineData("requireParam('')")]
    [InlineData("requireParam('a//b')")]
    [InlineData("requireParam('latePrice/')")]
    [InlineData("requireParam('.latePrice')")]
    [InlineData("requireParam(42)")]
    [InlineData("paramOr(null, 1)")]
    public void A_path_that_is_not_a_path_is_a_script_error(string script)
    {
        Assert.Equal(ScriptFailureKind.Runtime, _sandbox.Fails(script, Globals).Kind);
    }

    public void Dispose() => _sandbox.Dispose();
}
