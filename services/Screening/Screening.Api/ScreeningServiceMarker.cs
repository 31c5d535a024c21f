namespace Screening.Api;

/// <summary>Names this service's assembly to hosts that run it in-process (WebApplicationFactory in tests).</summary>
public sealed class ScreeningServiceMarker;
