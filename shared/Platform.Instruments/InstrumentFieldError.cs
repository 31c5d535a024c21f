namespace Platform.Instruments;

/// <summary>An input error naming the request field, e.g. <c>items[3]</c>.</summary>
public sealed record InstrumentFieldError(string Field, string Message);
