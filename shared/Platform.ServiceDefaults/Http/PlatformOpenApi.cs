using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The OpenAPI document a client generator can use: an operationId on every operation, the headers the write path
/// honours (If-Match, Idempotency-Key, ETag), 401/403 wherever a token is required, and the problem shape with the
/// rule id and trace id every error carries.
/// </summary>
public static class PlatformOpenApi
{
    public static WebApplicationBuilder AddPlatformOpenApi(this WebApplicationBuilder builder, PlatformService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer(new DocumentTransformer(service));
            o.AddOperationTransformer<OperationTransformer>();
            o.AddSchemaTransformer<ProblemSchemaTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// A creating POST whose retry with the same Idempotency-Key returns the original answer (<see cref="IdempotencyFilter"/>);
    /// the same key with another body is a 409 <see cref="IdempotencyKey.ReusedRuleId"/>.
    /// </summary>
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder
            .WithMetadata(new IdempotencyKeyMetadata())
            .AddEndpointFilter<IdempotencyFilter>()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public sealed class IdempotencyKeyMetadata;

    /// <summary>"POST /screenings/{screeningId}/vitals" → "postScreeningsByScreeningIdVitals": unique by construction.</summary>
    public static string OperationIdFor(string method, string route)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(route);
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in route.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.StartsWith('{'))
            {
                id.Append("By").Append(Pascal(segment.Trim('{', '}').Split(':')[0]));
            }
            else
            {
                foreach (var word in segment.Split('-', '.', '_'))
                {
                    id.Append(Pascal(word));
                }
            }
        }

        return id.ToString();
    }

    private static string Pascal(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];

    private sealed class DocumentTransformer(PlatformService service) : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            var title = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(service.Name);
            document.Info.Title = $"KAP {title} API";
            document.Info.Description =
                $"The {title} service of the KAP treatment-course platform. Every operation needs a bearer token (JWT) with a "
                + "'role' claim; the acting clinician is the token's subject. Commands answer with the stream's version as "
                + "the ETag; send it back in If-Match to make a command conditional (412 when stale). Errors are RFC 9457 "
                + "problem details with 'ruleId' when a clinical or business rule refused the command. "
                + Limits(EdgeProtection.MaxRequestBodyBytes(context.ApplicationServices.GetRequiredService<IConfiguration>()));
            document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };
            document.Info.Contact = new OpenApiContact { Name = "KAP platform team" };
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT with 'sub', a 'role' claim (prescriber, intake, scheduler, therapist, medical, analyst, system, operator, "
                    + "privacy-officer) and one 'clinic' claim per clinic of the chain the caller works at ('*' for the whole chain).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }
    }

    /// <summary>The limits every request obeys, stated once in each document; the schemas carry them per field.</summary>
    public static string Limits(long maxBodyBytes) =>
        $"Limits: a body of at most {maxBodyBytes} bytes (413 {Platform.Contracts.InputRules.TooLarge}), JSON nested at most "
        + $"{StrictJson.MaxDepth} deep, lists of at most {ListRules.MaxItems} items and strings of at most {SafeStringConverter.MaxLength} "
        + "characters unless the schema says less (maxItems, maxLength); a field without a default is required; enums by name only. "
        + "Past a limit the answer is a 400 naming the field and the limit.";

    private sealed class OperationTransformer : IOpenApiOperationTransformer
    {
        public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var description = context.Description;
            var method = description.HttpMethod ?? "GET";
            var route = "/" + (description.RelativePath ?? string.Empty).TrimStart('/');
            operation.OperationId ??= OperationIdFor(method, route);

            var metadata = description.ActionDescriptor.EndpointMetadata;
            var isCommand = !HttpMethods.IsGet(method);
            var onExistingResource = route.Contains('{', StringComparison.Ordinal);
            operation.Parameters ??= [];
            if (isCommand && onExistingResource)
            {
                operation.Parameters.Add(Header(
                    "If-Match",
                    "The ETag of the version this command was decided on; the command is refused with 412 when the record has changed since."));
            }

            if (isCommand && !metadata.OfType<OccurredAt.NoBackEntry>().Any())
            {
                operation.Parameters.Add(Header(
                    OccurredAt.Header,
                    "Back-entry of a fact documented earlier (an ISO 8601 instant with offset): the command is decided as of then. "
                    + "At most Clinic:BackEntryWindowDays (default 90) ago, never in the future, and never before the last fact on the "
                    + "record (422 " + OccurredAt.BeforeRecordRuleId + ")."));
            }

            if (!metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Parameters.Add(Header(
                    ClinicScope.Header,
                    metadata.OfType<ClinicScopeMiddleware.AcrossClinicsMarker>().Any()
                        ? "Optional: one of the token's clinics; the analyst export and the access audit then answer for that clinic only."
                        : "The clinic to act in, one of the token's clinic claims; required only when the token holds several (400 without it, "
                          + "403 for a clinic the token does not hold)."));
            }

            if (metadata.OfType<IdempotencyKeyMetadata>().Any())
            {
                operation.Parameters.Add(Header(
                    IdempotencyKey.Header,
                    "A client-chosen key: a retry with the same key and body returns the original answer instead of creating a second record."));
            }

            operation.Responses ??= new OpenApiResponses();
            foreach (var (status, response) in operation.Responses)
            {
                if (status.StartsWith('2') && response is OpenApiResponse concrete && (isCommand || onExistingResource))
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    concrete.Headers["ETag"] = new OpenApiHeader {
                        Description = "The record's stream version; send it back in If-Match.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    };
                }
            }

            var roles = metadata.OfType<AuthorizationPolicy>()
                .SelectMany(p => p.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>())
                .SelectMany(r => r.AllowedRoles)
                .Distinct()
                .ToList();
            // Always stated, also after an endpoint's own description: the authorization matrix test reads it.
            var access = roles.Count > 0 ? "Roles: " + string.Join(", ", roles) + "." : "Any authenticated caller.";
            operation.Description = operation.Description is { Length: > 0 } own
                ? own + " " + access
                : (operation.Summary is { Length: > 0 } summary ? summary + ". " : string.Empty) + access;

            if (!metadata.OfType<IAllowAnonymous>().Any())
            {
                AddProblem(operation, StatusCodes.Status401Unauthorized, "No valid bearer token.");
                AddProblem(operation, StatusCodes.Status403Forbidden, "The token's role may not call this operation.");
            }

            return Task.CompletedTask;
        }

        private static OpenApiParameter Header(string name, string description) => new() {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };

        private static void AddProblem(OpenApiOperation operation, int status, string description)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (operation.Responses!.ContainsKey(key))
            {
                return;
            }

            operation.Responses[key] = new OpenApiResponse {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails)) },
                },
            };
        }
    }

    /// <summary>Every problem carries the trace id; a refusal by a rule carries the rule id.</summary>
    private sealed class ProblemSchemaTransformer : IOpenApiSchemaTransformer
    {
        public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
        {
            var type = context.JsonTypeInfo.Type;
            // Strings go through SafeStringConverter, so the generator no longer infers "string" for array items.
            if (schema.Type is { } kind && kind.HasFlag(JsonSchemaType.Array) && schema.Items is null && context.JsonTypeInfo.ElementType == typeof(string))
            {
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            // Enums go through StrictEnumConverter, which hides their names from the generator: describe them as the
            // strings the API accepts, in a list too.
            if (schema.Type is { } list && list.HasFlag(JsonSchemaType.Array) && schema.Items is null
                && context.JsonTypeInfo.ElementType is { } element && (Nullable.GetUnderlyingType(element) ?? element).IsEnum)
            {
                schema.Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = EnumNames(Nullable.GetUnderlyingType(element) ?? element) };
            }

            // The floor under every field of a body (SafeStringConverter, ListRules), where no tighter limit is declared.
            // A string field goes through SafeStringConverter, which hides its type from the generator: say it again.
            if (context.JsonPropertyInfo is { } property)
            {
                if (property.PropertyType == typeof(string))
                {
                    schema.Type ??= property.IsGetNullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                    schema.MaxLength ??= SafeStringConverter.MaxLength;
                }
                else if (schema.Type is { } declared && declared.HasFlag(JsonSchemaType.Array))
                {
                    schema.MaxItems ??= ListRules.MaxItems;
                }
            }

            // Dates go through StrictJson's bounded converters, which hide their string formats from the generator.
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying.IsEnum)
            {
                // Keep the generator's say on null (it knows the property); the values are the names.
                schema.Type = (schema.Type & JsonSchemaType.Null) | JsonSchemaType.String;
                schema.Enum = EnumNames(underlying);
            }

            if (underlying == typeof(DateTimeOffset) || underlying == typeof(DateOnly))
            {
                schema.Type = underlying == type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                schema.Format = underlying == typeof(DateOnly) ? "date" : "date-time";
            }

            if (type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails) || type == typeof(HttpValidationProblemDetails))
            {
                schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                schema.Properties[Problems.RuleIdKey] = new OpenApiSchema {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Description = "The stable id of the rule that refused the command, e.g. SCH-DOUBLE-BOOKED.",
                };
                schema.Properties["traceId"] = new OpenApiSchema {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Description = "The W3C trace id of the request, to find it in traces and logs.",
                };
            }

            return Task.CompletedTask;
        }

        private static List<System.Text.Json.Nodes.JsonNode> EnumNames(Type enumType) =>
            [.. StrictEnumConverter.NamesOf(enumType).Select(name => (System.Text.Json.Nodes.JsonNode)name)];
    }
}
