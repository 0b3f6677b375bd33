using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Helpers;

public sealed class MoneyHelperTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Theory]
    [InlineData("yuanToFen('12.80')", "1280")]
    [InlineData("yuanToFen(12.8)", "1280")]
    [InlineData("yuanToFen('280')", "28000")]
    [InlineData("yuanToFen(0)", "0")]
    [InlineData("yuanToFen('0.125')", "13")]
    [InlineData("yuanToFen('0.124')", "12")]
    [InlineData("yuanToFen('0.005')", "1")]
    [InlineData("yuanToFen('0.0049')", "0")]
    [InlineData("yuanToFen(1.005)", "101")]
    [InlineData("yuanToFen(19.99)", "1999")]
    [InlineData("yuanToFen(0.1 + 0.2)", "30")]
    [InlineData("yuanToFen('-0.005')", "-1")]
    [InlineData("yuanToFen('-12.345')", "-1235")]
    [InlineData("yuanToFen('-0.004')", "0")]
    [InlineData("yuanToFen(' 3 ')", "300")]
    [InlineData("yuanToFen('.5')", "50")]
    [InlineData("yuanToFen('12.')", "1200")]
    [InlineData("yuanToFen('+7.5')", "750")]
    [InlineData("yuanToFen('1e2')", "10000")]
    [InlineData("yuanToFen(1e-7)", "0")]
    [InlineData("yuanToFen('0012.30')", "1230")]
    [InlineData("yuanToFen('90071992547409.91')", "9007199254740991")]
    public void YuanToFen_rounds_half_up_to_the_fen(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("yuanToFen('abc')", "is not an amount in yuan")]
    [InlineData("yuanToFen('')", "is not an amount in yuan")]
    [InlineData("yuanToFen('.')", "is not an amount in yuan")]
    [InlineData("yuanToFen('1,000')", "is not an amount in yuan")]
    [InlineData("yuanToFen(NaN)", "is not an amount")]
    [InlineData("yuanToFen(null)", "expected a number or a numeric string")]
    [InlineData("yuanToFen('1e300')", "is too large")]
    [InlineData("yuanToFen('1e999999999')", "is too large")]
    [InlineData("fenToYuan(1.5)", "must be an integer")]
    [InlineData("fenToYuan('100')", "must be an integer")]
    [InlineData("percentOfFen(100, 0.5)", "must be an integer")]
    [InlineData("percentOfFen(9007199254740991, 10000)", "is too large")]
    [InlineData("minFen(1, 2.5)", "must be an integer")]
    public void Amounts_that_are_not_amounts_are_refused(string script, string message)
    {
        var failure = _sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Contains(message, failure.Detail);
    }

    [Theory]
    [InlineData("fenToYuan(1280)", "12.8")]
    [InlineData("fenToYuan(28000)", "280")]
    [InlineData("fenToYuan(5)", "0.05")]
    [InlineData("fenToYuan(-150)", "-1.5")]
    [InlineData("fenToYuan(1999)", "19.99")]
    [InlineData("yuanToFen(fenToYuan(123456789))", "123456789")]
    public void FenToYuan(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("percentOfFen(25000, 6000)", "15000")]
    [InlineData("percentOfFen(28000, 10000)", "28000")]
    [InlineData("percentOfFen(1, 5000)", "1")]
    [InlineData("percentOfFen(1, 4999)", "0")]
    [InlineData("percentOfFen(333, 3333)", "111")]
    [InlineData("percentOfFen(-1, 5000)", "-1")]
    [InlineData("percentOfFen(-25000, 6000)", "-15000")]
    [InlineData("percentOfFen(0, 10000)", "0")]
    [InlineData("percentOfFen(12345, 0)", "0")]
    public void PercentOfFen_rounds_half_up_to_the_fen(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    [Theory]
    [InlineData("minFen(28000, 15000, 83000)", "15000")]
    [InlineData("maxFen(28000, 15000, 83000)", "83000")]
    [InlineData("minFen(3, null, 1, undefined)", "1")]
    [InlineData("maxFen(-5, -2)", "-2")]
    [InlineData("minFen()", "null")]
    [InlineData("maxFen(null)", "null")]
    public void MinFen_and_maxFen(string script, string expected) => Assert.Equal(expected, _sandbox.Json(script));

    public void Dispose() => _sandbox.Dispose();
}
