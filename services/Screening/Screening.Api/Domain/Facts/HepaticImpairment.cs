namespace Screening.Api.Domain.Facts;

public enum HepaticImpairment
{
    None,
    Mild,
    Moderate,
    Severe,
}
