using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Commands;

/// <summary>The complete current list; an empty list records "no medications".</summary>
public sealed record RecordMedications(IReadOnlyList<Medication> Medications, Guid RecordedBy);
