namespace Screening.Api.Domain.Facts;

public sealed record Vitals(int Systolic, int Diastolic, int HeartRate, decimal WeightKg, DateTimeOffset TakenAt);
