namespace Screening.Api.Screenings;

/// <summary>
/// A history, list or reading recorded at intake. The five intake facts are one command with five payloads: check the
/// body, refuse an unknown or closed screening, record the fact and re-evaluate eligibility. So they share one
/// <see cref="IntakeFact.Decide"/> and one endpoint, and each slice says only how its body is checked and what it records.
/// </summary>
public interface IIntakeFact
{
    /// <summary>The body is there: <see cref="IntakeFact.MapFact{TBody}"/> answers a missing one with a 400 first.</summary>
    FieldErrors Validate(ClinicTime now);

    /// <summary>The event that records the fact on the screening.</summary>
    object Recorded(Guid screeningId, ClinicTime now);
}

public static class IntakeFact
{
    public static Decision Decide(IIntakeFact fact, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (!ScreeningRefusals.IsOpen(state, out var refused))
        {
            return refused;
        }

        return ScreeningRules.AcceptWithEvaluation(state, now, protocol, fact.Recorded(state.Id, now));
    }

    /// <summary>Maps <paramref name="method"/> <c>/{screeningId}/<paramref name="path"/></c>; the recording clinician is the caller.</summary>
    /// <remarks>
    /// The <c>class</c> constraint is what tells ASP.NET the body is required: without it the handler's nullability is
    /// unknown, a missing or <c>null</c> body is bound as null, and the 400 "body is required" is lost.
    /// </remarks>
    public static RouteHandlerBuilder MapFact<TBody>(
        this IEndpointRouteBuilder screenings, string method, string path, Func<TBody, Guid, IIntakeFact> command, string summary)
        where TBody : class =>
        screenings.MapMethods(
                $"/{{screeningId:guid}}/{path}",
                [method],
                (Guid screeningId, TBody body, Clinician clinician, ScreeningProtocol protocol, [AsParameters] CommandContext context) =>
                {
                    var now = context.Now;
                    var fact = command(body, clinician.Id);
                    return context.RunAsync<ScreeningCase>(screeningId, state => Decide(fact, state, now, protocol), fact.Validate(now));
                })
            .AsFact(summary);
}
