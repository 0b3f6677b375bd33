using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Identity;

/// <summary>One list of ID numbers and verdicts, checked against both the JavaScript and the C# implementation.</summary>
internal static class IdNumberCases
{
    public static readonly string GuiyangMale = ResidentIds.Make("520102", "19850315", "001");
    public static readonly string BeijingFemale = ResidentIds.Make("110105", "19491001", "002");
    public static readonly string LeapDay = ResidentIds.Make("440305", "20000229", "123");
    public static readonly string EndingInX = ResidentIds.MakeEndingInX("520103", "19900101");

    /// <summary>(number, valid, error) — error is null when valid.</summary>
    public static TheoryData<string?, bool, string?> All()
    {
        var data = new TheoryData<string?, bool, string?>
        {
            { GuiyangMale, true, null },
            { BeijingFemale, true, null },
            { LeapDay, true, null },
            { EndingInX, true, null },
            { EndingInX[..17] + "x", true, null },
            { ResidentIds.WithChangedDigit(GuiyangMale), false, "checksum fails" },
            { ResidentIds.WithChangedDigit(EndingInX), false, "checksum fails" },
            { GuiyangMale[..17] + (GuiyangMale[17] == '0' ? '1' : '0'), false, "checksum fails" },
            { ResidentIds.Make("520102", "20210230", "001"), false, "birth date 20210230 is not a date" },
            { ResidentIds.Make("520102", "19000229", "001"), false, "birth date 19000229 is not a date" },
            { ResidentIds.Make("520102", "19851301", "001"), false, "birth date 19851301 is not a date" },
            { ResidentIds.Make("520102", "00000101", "001"), false, "birth date 00000101 is not a date" },
            { GuiyangMale[..17], false, "must be 18 characters" },
            { GuiyangMale + "1", false, "must be 18 characters" },
            { "52010285031500", false, "must be 18 characters" },
            { " " + GuiyangMale, false, "must be 18 characters" },
            { " " + GuiyangMale[..17], false, "must be 17 digits followed by a digit or X" },
            { "", false, "must be 18 characters" },
            { GuiyangMale[..17] + "Y", false, "must be 17 digits followed by a digit or X" },
            { "52010A" + GuiyangMale[6..], false, "must be 17 digits followed by a digit or X" },
            { "5201021985031500X1", false, "must be 17 digits followed by a digit or X" },
            { "５２０１０２１９８５０３１５００１２", false, "must be 17 digits followed by a digit or X" },
            { null, false, "is missing" },
        };
        return data;
    }
}
