using Microsoft.AspNetCore.Http.Json;

namespace Screening.Api;

public static class ScreeningJson
{
    /// <summary>
    /// Every field of a clinical form must be sent (null where the field allows it): a missing "pregnant" or
    /// "psychosisSelf" must be a 400 naming the field, never silently read as false.
    /// </summary>
    public static IServiceCollection AddScreeningJson(this IServiceCollection services) =>
        services
            .ConfigureHttpJsonOptions((JsonOptions o) => o.SerializerOptions.RespectRequiredConstructorParameters = true);
}
