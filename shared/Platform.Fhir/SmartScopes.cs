using System.Security.Claims;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Platform.Contracts;

namespace Platform.Fhir;

/// <summary>
/// One SMART on FHIR scope: <c>context/Type.permissions</c>, v2 (<c>system/Observation.rs</c>, <c>user/*.cruds</c>) or
/// v1 (<c>user/Patient.read</c>, <c>.write</c>, <c>.*</c>). The platform has no patient launch context, so
/// <c>patient/</c> scopes are read but grant nothing.
/// </summary>
public sealed record SmartScope(string Context, string ResourceType, string Permissions)
{
    public const string User = "user";
    public const string System = "system";
    public const string Patient = "patient";

    public static SmartScope? Parse(string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var slash = scope.IndexOf('/', StringComparison.Ordinal);
        var dot = scope.LastIndexOf('.');
        if (slash <= 0 || dot < slash + 2 || dot == scope.Length - 1)
        {
            return null;
        }

        var context = scope[..slash];
        var type = scope[(slash + 1)..dot];
        var permissions = scope[(dot + 1)..] switch {
            "read" => "rs",
            "write" => "cud",
            "*" => "cruds",
            var v2 when IsV2(v2) => v2,
            _ => null,
        };
        return context is User or System or Patient && (type == "*" || type.All(char.IsAsciiLetter)) && permissions is not null
            ? new SmartScope(context, type, permissions)
            : null;
    }

    /// <summary>v2 permissions are letters of "cruds", each at most once and in that order.</summary>
    private static bool IsV2(string permissions)
    {
        var at = 0;
        foreach (var letter in permissions)
        {
            var found = "cruds".IndexOf(letter, at);
            if (found < 0)
            {
                return false;
            }

            at = found + 1;
        }

        return permissions.Length > 0;
    }

    public bool Grants(string resourceType, char permission) =>
        Context is User or System && (ResourceType == "*" || ResourceType == resourceType) && Permissions.Contains(permission, StringComparison.Ordinal);
}

/// <summary>The SMART scopes a caller must hold on top of its role: every FHIR endpoint of every service checks them.</summary>
public static class SmartScopes
{
    /// <summary>Whether any of the caller's scopes grants <paramref name="permission"/> (c, r, u, d or s) on the resource type.</summary>
    public static bool Allows(ClaimsPrincipal user, string resourceType, char permission)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(Platform.ServiceDefaults.Auth.ClaimNames.SmartScopeClaim)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(SmartScope.Parse)
            .Any(scope => scope is not null && scope.Grants(resourceType, permission));
    }

    /// <summary>
    /// The resource type and SMART permission of a FHIR endpoint, from its route and method: <c>GET /fhir/T</c> is a
    /// search (s), <c>GET /fhir/T/{id}</c> a read (r), <c>POST /fhir/T</c> a create (c), <c>PUT</c> an update (u),
    /// <c>DELETE</c> a delete (d); an operation on an instance (<c>/fhir/Patient/{id}/$everything</c>) reads it.
    /// </summary>
    public static (string ResourceType, char Permission)? Required(RoutePattern pattern, string method)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var segments = pattern.PathSegments.Select(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart literal ? literal.Content : null).ToList();
        var fhir = segments.IndexOf(FhirProblemWriter.PathPrefix.TrimStart('/'));
        if (fhir < 0 || fhir + 1 >= segments.Count || segments[fhir + 1] is not { } type || type == "metadata")
        {
            return null;
        }

        var instance = segments.Count > fhir + 2 && segments[fhir + 2] != "_search";
        char permission = method switch {
            "GET" or "HEAD" => instance ? 'r' : 's',
            "POST" => instance ? 'r' : segments.Count > fhir + 2 ? 's' : 'c',
            "PUT" or "PATCH" => 'u',
            "DELETE" => 'd',
            _ => 'r',
        };
        return (type, permission);
    }

    /// <summary>The group every FHIR endpoint of a service is mapped in: under /fhir, each endpoint checking the caller's SMART scopes.</summary>
    public static RouteGroupBuilder MapFhirGroup(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapGroup(FhirProblemWriter.PathPrefix).RequireSmartScopes();
    }

    /// <summary>
    /// Refuses, with 403 and an OperationOutcome naming the scope it needs, a request on a FHIR endpoint of the group
    /// whose token holds no scope for it. Runs after authorisation: an anonymous caller has had its 401.
    /// </summary>
    public static RouteGroupBuilder RequireSmartScopes(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.GetEndpoint() is RouteEndpoint endpoint && Required(endpoint.RoutePattern, http.Request.Method) is var (type, permission)
                && !Allows(http.User, type, permission))
            {
                return FhirResults.Outcome(
                    StatusCodes.Status403Forbidden,
                    $"The token's SMART scopes do not grant '{permission}' on {type}: it needs e.g. user/{type}.{permission} or system/{type}.{permission}.",
                    InputRules.InsufficientScope);
            }

            return await next(context);
        });
        return group;
    }
}
