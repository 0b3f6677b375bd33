using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Identity;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Identity;

/// <summary>idNumber in the helper library, and its agreement with the C# twin.</summary>
public sealed class IdNumberScriptTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Theory]
    [MemberData(nameof(IdNumberCases.All), MemberType = typeof(IdNumberCases))]
    public void Parse_gives_the_same_verdict_as_the_host(string? number, bool valid, string? error)
    {
        var parsed = _sandbox.Eval("idNumber.parse(input.id)", new JsonObject { ["input"] = new JsonObject { ["id"] = number } })!;

        Assert.Equal(valid, parsed["valid"]!.GetValue<bool>());
        Assert.Equal(error, parsed["error"]?.GetValue<string>());
        Assert.Equal(valid, _sandbox.Eval("idNumber.isValid(input.id)", new JsonObject { ["input"] = new JsonObject { ["id"] = number } })!.GetValue<bool>());

        ResidentIdNumber.TryParse(number, out var info, out var hostError);
        Assert.Equal(hostError, parsed["error"]?.GetValue<string>() ?? string.Empty);
        if (valid)
        {
            Assert.Equal(info.Number, parsed["number"]!.GetValue<string>());
            Assert.Equal(info.AreaCode, parsed["areaCode"]!.GetValue<string>());
            Assert.Equal(info.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), parsed["birthDate"]!.GetValue<string>());
            Assert.Equal(info.Sex == ResidentSex.Male ? "M" : "F", parsed["sex"]!.GetValue<string>());
            Assert.Equal(info.CheckDigit.ToString(), parsed["checkDigit"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, parsed["areaCode"]?.GetValueKind() ?? JsonValueKind.Null);
            Assert.Null(parsed["birthDate"]);
        }
    }

    [Fact]
    public void Parse_says_area_birth_date_sex_and_check_digit()
    {
        var id = IdNumberCases.GuiyangMale;

        Assert.Equal(
            $"{{\"valid\":true,\"error\":null,\"number\":\"{id}\",\"areaCode\":\"520102\",\"birthDate\":\"1985-03-15\",\"sex\":\"M\",\"checkDigit\":\"{id[17]}\"}}",
            _sandbox.Json($"idNumber.parse('{id}')"));
    }

    [Fact]
    public void CheckDigit_agrees_with_the_host_for_many_numbers()
    {
        var random = new Random(11643);
        var numbers = new JsonArray();
        var expected = new JsonArray();
        for (var i = 0; i < 500; i++)
        {
            var first17 = string.Concat(Enumerable.Range(0, 17).Select(_ => (char)('0' + random.Next(10))));
            numbers.Add(first17);
            expected.Add(ResidentIdNumber.ComputeCheckDigit(first17).ToString());
        }

        var actual = _sandbox.Eval("input.map(function (n) { return idNumber.checkDigit(n); })", new JsonObject { ["input"] = numbers });

        Assert.Equal(expected.ToJsonString(), actual!.ToJsonString());
    }

    [Theory]
    [InlineData("idNumber.checkDigit('1234')")]
    [InlineData("idNumber.checkDigit(12345678901234567)")]
    public void CheckDigit_wants_17_digits(string script)
    {
        var failure = _sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Contains("expected 17 digits", failure.Detail);
    }

    [Fact]
    public void Parse_of_a_non_string_says_so()
    {
        Assert.Equal("\"must be a string\"", _sandbox.Json("idNumber.parse(520102198503150011).error"));
    }

    public void Dispose() => _sandbox.Dispose();
}
