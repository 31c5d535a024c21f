namespace Screening.Api.Screenings.Facts;

public sealed record Vitals(int Systolic, int Diastolic, int HeartRate, decimal WeightKg, DateTimeOffset TakenAt);
