namespace Screening.Api.Domain.Commands;

public sealed record DeclineScreening(Guid PrescriberId, string Reason);
