namespace Platform.ServiceDefaults.Http;

/// <summary>
/// How every endpoint declares itself: its tag, summary and roles, and the problems it can answer, so the OpenAPI
/// documents of the three services read the same and no endpoint forgets its authorisation.
/// </summary>
public static class EndpointConventions
{
    /// <summary>A command: 400 for bad input, 404 unknown stream, 409 clash, 412 stale If-Match, 422 a rule refused it.</summary>
    public static RouteHandlerBuilder AsCommand(this RouteHandlerBuilder endpoint, string tag, string summary, params string[] roles) =>
        endpoint
            .Describe(tag, summary, roles)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>A read: 400 for bad filters or paging, 404 when the thing asked for does not exist.</summary>
    public static RouteHandlerBuilder AsQuery(this RouteHandlerBuilder endpoint, string tag, string summary, params string[] roles) =>
        endpoint
            .Describe(tag, summary, roles)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// A request body as a client would send it, shown in the OpenAPI document (and so in Scalar and generated clients):
    /// every creating request has one (OpenApiDocumentTests).
    /// </summary>
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder endpoint, object example)
    {
        var node = JsonSerializer.SerializeToNode(example, ExampleJson);
        return endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                media.Example = node?.DeepClone();
            }

            return Task.CompletedTask;
        });
    }

    private static readonly JsonSerializerOptions ExampleJson = new(JsonSerializerDefaults.Web);

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string tag, string summary, string[] roles)
    {
        ArgumentOutOfRangeException.ThrowIfZero(roles.Length, nameof(roles));
        return endpoint.WithTags(tag).WithSummary(summary).RequireAuthorization(p => p.RequireRole(roles))
            .AddEndpointFilter<ParameterRangeFilter>()
            .AddEndpointFilter<Audit.AuditedRecordsFilter>();
    }
}
