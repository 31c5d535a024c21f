using Platform.ServiceDefaults.Domain;
using Screening.Api.Domain.Commands;

namespace Screening.Api.Domain.Validation;

public static class SignOffValidators
{
    public const int MaxJustificationLength = 4_000;

    public static FieldErrors Validate(ApproveScreening command) =>
        new FieldErrors()
            .NotEmpty(command.CourseId, "courseId")
            .OptionalText(command.Justification, "justification", MaxJustificationLength);

    public static FieldErrors Validate(DeclineScreening command) =>
        new FieldErrors()
            .RequiredText(command.Reason, "reason", MaxJustificationLength);

    public static FieldErrors Validate(RequireReScreening command) =>
        new FieldErrors().RequiredText(command.Reason, "reason", MaxJustificationLength);
}
