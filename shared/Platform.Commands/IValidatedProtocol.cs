namespace Platform.Commands;

/// <summary>A protocol (clinical thresholds bound from configuration) that can say which of its settings are wrong.</summary>
public interface IValidatedProtocol
{
    FieldErrors Validate();
}

/// <summary>
/// A service's own protocol, carrying the shared "Clinic" section (<see cref="ClinicalProtocol"/>): the clinic's
/// settings are set from that section at start-up and never configured in the service's own, so the services cannot
/// disagree on them, and every decide function takes one protocol.
/// </summary>
public interface IServiceProtocol<TSelf> : IValidatedProtocol
    where TSelf : IServiceProtocol<TSelf>
{
    ClinicalProtocol Clinic { get; }

    TSelf WithClinic(ClinicalProtocol clinic);
}

public static class ProtocolConfiguration
{
    /// <summary>
    /// The service's protocol section with the shared "Clinic" section attached, both bound and validated, registered
    /// as a singleton: how every service reads its protocol.
    /// </summary>
    public static TProtocol AddServiceProtocol<TProtocol>(this WebApplicationBuilder builder, string sectionName, TProtocol defaults)
        where TProtocol : class, IServiceProtocol<TProtocol>
    {
        ArgumentNullException.ThrowIfNull(builder);
        var clinic = builder.Configuration.ReadProtocol(ClinicalProtocol.SectionName, ClinicalProtocol.Default);
        var protocol = builder.Configuration.ReadProtocol(sectionName, defaults).WithClinic(clinic);
        builder.Services.AddSingleton(protocol);
        return protocol;
    }

    /// <summary>
    /// Binds a protocol section (defaults where the section is absent), refuses to start when a setting is invalid,
    /// naming the section and setting, and registers the protocol as a singleton. A typo in a clinical threshold must
    /// stop the start-up, never silently change a decision.
    /// </summary>
    public static TProtocol AddProtocol<TProtocol>(this WebApplicationBuilder builder, string sectionName, TProtocol defaults)
        where TProtocol : class, IValidatedProtocol
    {
        ArgumentNullException.ThrowIfNull(builder);
        var protocol = builder.Configuration.ReadProtocol(sectionName, defaults);
        builder.Services.AddSingleton(protocol);
        return protocol;
    }

    /// <summary>Binds and validates a protocol section without registering it (to combine it with another first).</summary>
    public static TProtocol ReadProtocol<TProtocol>(this IConfiguration configuration, string sectionName, TProtocol defaults)
        where TProtocol : class, IValidatedProtocol
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var protocol = configuration.GetSection(sectionName).Get<TProtocol>() ?? defaults;
        ThrowIfInvalid(protocol, sectionName);
        return protocol;
    }

    public static void ThrowIfInvalid(IValidatedProtocol protocol, string sectionName)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var errors = protocol.Validate();
        if (errors.Any)
        {
            throw new InvalidOperationException(
                $"Configuration section '{sectionName}' is invalid: "
                + string.Join("; ", errors.ToDictionary().Select(e => $"{sectionName}:{e.Key} {string.Join(", ", e.Value)}")));
        }
    }
}
