using System.Diagnostics.CodeAnalysis;

namespace Screening.Api.Screenings;

/// <summary>The refusals several screening commands share, so each reads and answers the same way.</summary>
internal static class ScreeningRefusals
{
    /// <summary>The screening exists; otherwise <paramref name="refused"/> says it was not found.</summary>
    public static bool Exists([NotNullWhen(true)] ScreeningCase? state, [NotNullWhen(false)] out Decision? refused)
    {
        refused = state is null ? Decision.Reject(RuleIds.CaseNotFound, "No screening with this id.") : null;
        return refused is null;
    }

    /// <summary>The screening exists and is not closed (approved, declined...); otherwise <paramref name="refused"/> says why.</summary>
    public static bool IsOpen([NotNullWhen(true)] ScreeningCase? state, [NotNullWhen(false)] out Decision? refused)
    {
        if (!Exists(state, out refused))
        {
            return false;
        }

        refused = state.IsClosed
            ? Decision.Reject(RuleIds.CaseClosed, $"The screening is {state.Status} and can no longer change.")
            : null;
        return refused is null;
    }
}
