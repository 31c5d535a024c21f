namespace Screening.Api.Screenings.Facts;

public enum HepaticImpairment
{
    None,
    Mild,
    Moderate,
    Severe,
}
