namespace Screening.Api.Screenings;

public sealed record Vitals(int Systolic, int Diastolic, int HeartRate, decimal WeightKg, DateTimeOffset TakenAt);
