namespace Screening.Api.Screenings;

internal static class Age
{
    public static int On(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        return birthDate.AddYears(age) > today ? age - 1 : age;
    }
}
