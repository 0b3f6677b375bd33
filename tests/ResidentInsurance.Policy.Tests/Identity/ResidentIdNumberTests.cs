using ResidentInsurance.Policy.Identity;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Identity;

public sealed class ResidentIdNumberTests
{
    [Theory]
    [MemberData(nameof(IdNumberCases.All), MemberType = typeof(IdNumberCases))]
    public void TryParse_gives_the_verdict_on_each_case(string? number, bool valid, string? error)
    {
        Assert.Equal(valid, ResidentIdNumber.TryParse(number, out var info, out var actualError));
        Assert.Equal(error ?? string.Empty, actualError);
        Assert.Equal(valid, ResidentIdNumber.IsValid(number));
        if (!valid)
        {
            Assert.Equal(default, info);
        }
    }

    [Fact]
    public void A_valid_number_says_area_birth_date_sex_and_check_digit()
    {
        Assert.True(ResidentIdNumber.TryParse(IdNumberCases.GuiyangMale, out var info, out _));

        Assert.Equal(new ResidentIdInfo(IdNumberCases.GuiyangMale, "520102", new DateOnly(1985, 3, 15), ResidentSex.Male, IdNumberCases.GuiyangMale[17]), info);
        Assert.True(ResidentIdNumber.TryParse(IdNumberCases.BeijingFemale, out var female, out _));
        Assert.Equal(ResidentSex.Female, female.Sex);
        Assert.Equal(new DateOnly(1949, 10, 1), female.BirthDate);
    }

    [Fact]
    public void A_lowercase_x_is_read_as_X()
    {
        Assert.True(ResidentIdNumber.TryParse(IdNumberCases.EndingInX[..17] + "x", out var info, out _));

        Assert.Equal(IdNumberCases.EndingInX, info.Number);
        Assert.Equal('X', info.CheckDigit);
    }

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("44052418800101001", '4')]
    public void ComputeCheckDigit_follows_GB_11643(string first17, char expected)
    {
        Assert.Equal(expected, ResidentIdNumber.ComputeCheckDigit(first17));
        Assert.Equal(ResidentIds.Check(first17), ResidentIdNumber.ComputeCheckDigit(first17));
    }

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("110105194912310021")]
    [InlineData("1101051949123100A")]
    public void ComputeCheckDigit_wants_17_digits(string first17)
    {
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.ComputeCheckDigit(first17));
    }
}
