namespace ResidentInsurance.Policy.Identity;

/// <summary>What a valid resident ID number says.</summary>
/// <param name="Number">The number, with a lowercase x check character written as X.</param>
/// <param name="AreaCode">The six-digit administrative area code (positions 1–6).</param>
/// <param name="BirthDate">The birth date (positions 7–14).</param>
/// <param name="Sex">From the sequence code's last digit (position 17).</param>
/// <param name="CheckDigit">The check character (position 18): '0'–'9' or 'X'.</param>
public readonly record struct ResidentIdInfo(string Number, string AreaCode, DateOnly BirthDate, ResidentSex Sex, char CheckDigit);
