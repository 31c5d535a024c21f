namespace Platform.Instruments;

/// <summary>The validated instruments the platform scores itself.</summary>
public enum InstrumentCode
{
    Phq9,
    Gad7,
    Pcl5,
    CssrsScreener,
    Madrs,
    QidsSr16,
    Cadss6,
}
