namespace ResidentInsurance.Policy.Identity;

/// <summary>Sex as a resident ID number records it (the sequence code's last digit: odd male, even female).</summary>
public enum ResidentSex
{
    Male,
    Female,
}
