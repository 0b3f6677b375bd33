namespace ResidentInsurance.Simulation.Tests;

/// <summary>The contract's input rules: malformed input names the field (and the index in an array).</summary>
public sealed class CaseReaderTests
{
    internal const string ValidId = "520102198503150016";

    internal static string Case(string person = $$"""{ "idNumber": "{{ValidId}}", "name": "张三", "birthDate": "1985-03-15" }""", string extra = "") =>
        $$"""{ "region": "demo", "benefitYear": 2021, "action": "enroll", "person": {{person}}, "paidOn": "2021-02-10"{{extra}} }""";

    [Fact]
    public void A_valid_case_reads_with_defaults_for_missing_optional_fields()
    {
        var (cases, isArray) = CaseReader.Read(Case());

        Assert.False(isArray);
        var person = Assert.Single(cases)["person"]!;
        Assert.Equal(0, person["yearsUninsured"]!.GetValue<int>());
        Assert.False(person["firstEnrollment"]!.GetValue<bool>());
        Assert.Empty(person["identities"]!.AsArray());
        Assert.Null(cases[0]["refundReason"]);
    }

    [Fact]
    public void A_final_lowercase_x_is_read_as_X()
    {
        var id = "11010519491231002";
        var check = ResidentInsurance.Policy.Identity.ResidentIdNumber.ComputeCheckDigit(id);
        var text = Case($$"""{ "idNumber": "{{id}}{{char.ToLowerInvariant(check)}}", "name": "李四", "birthDate": "1949-12-31" }""");

        var (cases, _) = CaseReader.Read(text);

        Assert.Equal(id + check, cases[0]["person"]!["idNumber"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{ "idNumber": "520102198503150017", "name": "张三", "birthDate": "1985-03-15" }""", "", "person.idNumber: checksum fails")]
    [InlineData("""{ "idNumber": "520102198503150016", "name": "张三", "birthDate": "1985-03-16" }""", "", "person.birthDate: 1985-03-16 differs")]
    [InlineData("""{ "idNumber": "520102198503150016", "name": "张三", "birthDate": "1985-03-15", "nickname": "三" }""", "", "person.nickname: unknown field")]
    [InlineData("""{ "idNumber": "520102198503150016", "name": "张三", "birthDate": "1985-03-15", "identities": [{ "code": "rich" }] }""", "", "person.identities[0].code: unknown identity 'rich'")]
    [InlineData("""{ "idNumber": "520102198503150016", "birthDate": "1985-03-15" }""", "", "person.name: is required")]
    [InlineData("""{ "idNumber": "520102198503150016", "name": "张三", "birthDate": "1985-03-15" }""", ", \"requestedOn\": \"2021-02-30\"", "requestedOn: '2021-02-30' is not a date")]
    [InlineData("""{ "idNumber": "520102198503150016", "name": "张三", "birthDate": "1985-03-15" }""", ", \"refundReason\": \"bored\"", "refundReason: 'bored' is not one of")]
    [InlineData("""{ "idNumber": "520102198503150016", "name": "张三", "birthDate": "1985-03-15" }""", ", \"paidAmount\": \"280\"", "paidAmount: must be a non-negative amount")]
    public void Malformed_input_names_the_field(string person, string extra, string expected)
    {
        var error = Assert.Throws<CaseValidationException>(() => CaseReader.Read(Case(person, extra)));

        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void In_an_array_the_index_is_named()
    {
        var bad = Case("""{ "idNumber": "520102198503150017", "name": "张三", "birthDate": "1985-03-15" }""");

        var error = Assert.Throws<CaseValidationException>(() => CaseReader.Read($"[{Case()}, {Case()}, {Case()}, {bad}]"));

        Assert.Equal("[3].person.idNumber: checksum fails", error.Message);
    }

    [Theory]
    [InlineData("{ \"region\": ", "$: malformed JSON")]
    [InlineData("42", "$: expected a case object or an array")]
    public void Not_a_case_at_all(string text, string expected) =>
        Assert.StartsWith(expected, Assert.Throws<CaseValidationException>(() => CaseReader.Read(text)).Message);
}
