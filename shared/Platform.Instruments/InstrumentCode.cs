using System.Text.Json.Serialization;

namespace Platform.Instruments;

/// <summary>
/// The validated instruments the platform scores itself. The serialised names are the one vocabulary of every API,
/// contract, stored event and analyst table: "PHQ-9", "GAD-7", "PCL-5", "C-SSRS", "MADRS", "QIDS-SR16", "CADSS-6".
/// Requests are read by the services' strict enum converter (those names only); <see cref="InstrumentCodeJsonConverter"/>
/// serves every other serializer (the event store, the broker).
/// </summary>
[JsonConverter(typeof(InstrumentCodeJsonConverter))]
public enum InstrumentCode
{
    [JsonStringEnumMemberName("PHQ-9")]
    Phq9,

    [JsonStringEnumMemberName("GAD-7")]
    Gad7,

    [JsonStringEnumMemberName("PCL-5")]
    Pcl5,

    [JsonStringEnumMemberName("C-SSRS")]
    CssrsScreener,

    [JsonStringEnumMemberName("MADRS")]
    Madrs,

    [JsonStringEnumMemberName("QIDS-SR16")]
    QidsSr16,

    [JsonStringEnumMemberName("CADSS-6")]
    Cadss6,
}
