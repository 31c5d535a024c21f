namespace Screening.Api.Domain.Commands;

public sealed record DeclineScreening(string PrescriberId, string Reason);
