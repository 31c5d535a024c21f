using System.Reflection;
using System.Text.Json.Serialization;
using Platform.Instruments;

namespace Screening.Api.Screenings.Facts;

/// <summary>
/// The serialised name of an instrument code ("PHQ-9"), for contracts and tables that carry the instrument as text:
/// one vocabulary with the JSON of requests and events, read from the enum's own attribute so it cannot drift.
/// </summary>
public static class InstrumentCodes
{
    public static string NameOf(InstrumentCode code) =>
        typeof(InstrumentCode).GetField(code.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
        ?? code.ToString();
}
