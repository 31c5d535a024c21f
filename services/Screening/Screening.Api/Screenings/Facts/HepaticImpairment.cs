namespace Screening.Api.Screenings;

public enum HepaticImpairment
{
    None,
    Mild,
    Moderate,
    Severe,
}
